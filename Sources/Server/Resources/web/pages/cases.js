// 案件: the cases of the caller's jurisdiction, and for case officers the 立案 form (opened from an
// approved illegal patch as #/cases?file=BATCH/CODE, or filled in by hand).
import { api } from '../api.js';
import { html, escape } from '../format.js';
import { submitForm, today, patchRefs, folded } from '../forms.js';

const statuses = [['', '全部'], ['filed', '已立案'], ['decided', '已处罚'], ['closed', '已结案']];

export async function renderCases(main, user) {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const status = query.get('status') || '';
  const [list, regions] = await Promise.all([api(`/api/cases${status ? `?status=${status}` : ''}`), api('/api/regions')]);
  const names = Object.fromEntries(regions.map((r) => [r.code, r.name]));
  const page = html(`<section class="cases"><div class="toolbar"><h1>案件</h1>
      <select name="status">${statuses.map(([v, l]) => `<option value="${v}"${v === status ? ' selected' : ''}>${l}</option>`).join('')}</select>
      <span class="muted">共 ${list.items.length} 件</span></div>
    <div class="card scroll"><table class="grid rows"><thead><tr><th>案件编号</th><th>县区</th><th>当事人</th><th>图斑</th><th>立案日期</th>
      <th>状态</th><th>整改未完成</th><th>罚款未缴（元）</th></tr></thead><tbody></tbody></table></div></section>`);
  main.append(page);
  page.querySelector('tbody').replaceChildren(...list.items.map((c) => {
    const row = html(`<table><tr><td>${escape(c.number)}</td><td>${escape(names[c.region] || c.region)}</td><td>${c.parties.map(escape).join('、')}</td>
      <td>${c.patches.map((p) => escape(p.code)).join('、')}</td><td>${escape(c.filedOn)}</td>
      <td><span class="case-status ${c.status.code}">${escape(c.status.name)}</span></td>
      <td class="number">${c.rectification.openCount}</td><td class="number">${escape(c.finesOutstandingYuan)}</td></tr></table>`).querySelector('tr');
    row.addEventListener('click', () => { location.hash = `#/cases/${encodeURIComponent(c.number)}`; });
    return row;
  }));
  if (!list.items.length) page.querySelector('tbody').append(html('<table><tr><td colspan="8" class="muted">没有案件</td></tr></table>').querySelector('tr'));
  page.querySelector('select[name=status]').addEventListener('change', (event) => {
    location.hash = `#/cases${event.target.value ? `?status=${event.target.value}` : ''}`;
  });
  if (user.permissions.includes('manage-cases')) page.querySelector('.toolbar').after(folded('＋ 立案', fileForm(query.get('file') || ''), query.has('file')));
}

function fileForm(patch) {
  const form = html(`<form class="card step file-case"><h2>立案</h2>
    <label>案件编号<input name="number" required placeholder="如 449901-2024-001"></label>
    <label>违法图斑（批次/编号，每行一个；须为同一县、已审核为违法）<textarea name="patches" rows="2" required>${escape(patch)}</textarea></label>
    <label>当事人（多个用顿号分隔）<input name="parties" required></label>
    <label>立案日期<input name="filedOn" type="date" value="${today()}"></label>
    <p class="error" hidden></p><button type="submit">立案</button></form>`);
  let filed = null;
  form.addEventListener('submit', (event) => submitForm(event, form, async () => { location.hash = `#/cases/${encodeURIComponent(filed.number)}`; }, async () => {
    filed = await api('/api/cases', { method: 'POST', body: {
      number: form.number.value, patches: patchRefs(form.patches.value),
      parties: form.parties.value.split(/[、,，]/).map((p) => p.trim()).filter(Boolean), filedOn: form.filedOn.value } });
  }));
  return form;
}
