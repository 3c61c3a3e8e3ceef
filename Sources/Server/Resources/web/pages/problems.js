// 督察问题: the problems handed down in the caller's jurisdiction (overdue ones in red), and for the
// province the 下发 form.
import { api } from '../api.js';
import { html, escape, mu } from '../format.js';
import { submitForm, today, folded } from '../forms.js';
import { measureRows } from '../rectification.js';

const kinds = [['routine', '例行督察'], ['farmlandProtection', '耕地保护督察'], ['special', '专项督察']];

export async function renderProblems(main, user) {
  const [list, regions] = await Promise.all([api('/api/problems'), api('/api/regions')]);
  const names = Object.fromEntries(regions.map((r) => [r.code, r.name]));
  const page = html(`<section class="problems"><div class="toolbar"><h1>督察问题</h1><span class="muted">共 ${list.items.length} 个，
      逾期 ${list.items.filter((p) => p.overdue).length} 个</span></div>
    <div class="card scroll"><table class="grid rows"><thead><tr><th>问题编号</th><th>类型</th><th>地区</th><th>问题</th><th>面积（亩）</th>
      <th>耕地（亩）</th><th>期限</th><th>未完成措施</th><th>状态</th></tr></thead><tbody></tbody></table></div></section>`);
  main.append(page);
  page.querySelector('tbody').replaceChildren(...list.items.map((p) => {
    const row = html(`<table><tr class="${p.overdue ? 'alarm' : ''}"><td>${escape(p.number)}</td><td>${escape(p.kind.name)}</td>
      <td>${escape(names[p.region] || p.region)}</td><td>${escape(p.title)}</td><td class="number">${mu(p.area)}</td>
      <td class="number">${mu(p.cultivatedArea)}</td><td>${escape(p.rectification.deadline || '—')}</td><td class="number">${p.rectification.openCount}</td>
      <td>${p.closedOn ? `已销号 ${escape(p.closedOn)}` : p.overdue ? '逾期未整改' : '整改中'}</td></tr></table>`).querySelector('tr');
    row.addEventListener('click', () => { location.hash = `#/problems/${encodeURIComponent(p.number)}`; });
    return row;
  }));
  if (!list.items.length) page.querySelector('tbody').append(html('<table><tr><td colspan="9" class="muted">没有督察问题</td></tr></table>').querySelector('tr'));
  if (user.permissions.includes('manage-problems')) page.querySelector('.toolbar').after(folded('＋ 下发督察问题', handDownForm(regions)));
}

function handDownForm(regions) {
  const form = html(`<form class="card step"><h2>督察问题下发</h2>
    <div class="row-fields"><label>问题编号<input name="number" required></label>
      <label>督察类型<select name="kind">${kinds.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
      <label>地区<select name="region">${regions.filter((r) => r.level !== 'province').map((r) => `<option value="${escape(r.code)}">${escape(r.name)}（${escape(r.code)}）</option>`).join('')}</select></label></div>
    <label>问题描述<input name="title" required></label>
    <div class="row-fields"><label>面积（亩）<input name="areaMu" type="number" min="0" step="0.01" required></label>
      <label>其中耕地（亩）<input name="cultivatedMu" type="number" min="0" step="0.01" value="0"></label>
      <label>下发日期<input name="handedDownOn" type="date" value="${today()}"></label>
      <label>整改期限<input name="deadline" type="date"></label></div>
    <fieldset><legend>整改措施</legend></fieldset>
    <p class="error" hidden></p><button type="submit">下发</button></form>`);
  const measures = measureRows();
  form.querySelector('fieldset').append(measures);
  let created = null;
  form.addEventListener('submit', (event) => submitForm(event, form, async () => { location.hash = `#/problems/${encodeURIComponent(created.number)}`; }, async () => {
    created = await api('/api/problems', { method: 'POST', body: {
      number: form.number.value, kind: form.kind.value, region: form.region.value, title: form.title.value,
      areaMu: Number(form.areaMu.value), cultivatedMu: Number(form.cultivatedMu.value || 0), handedDownOn: form.handedDownOn.value,
      deadline: form.deadline.value || undefined, measures: measures.read() } });
  }));
  return form;
}
