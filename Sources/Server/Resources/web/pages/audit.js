// 省级抽样复核: for a batch, publish the seed from a value announced in advance, draw the sample that
// anyone can re-draw, and work through the drawn patches (their judgement is on the patch page).
import { api } from '../api.js';
import { html, escape } from '../format.js';
import { submitForm } from '../forms.js';

export async function renderAudit(main, user) {
  const batches = await api('/api/batches');
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const batch = query.get('batch') || batches[0]?.code;
  const page = html(`<section class="audit"><div class="toolbar"><h1>省级抽样复核</h1>
    <label>批次 <select name="batch">${batches.map((b) => `<option value="${escape(b.code)}"${b.code === batch ? ' selected' : ''}>${escape(b.name)}（${escape(b.code)}）</option>`).join('')}</select></label></div>
    <div class="audit-body"></div></section>`);
  main.append(page);
  page.querySelector('select').addEventListener('change', (event) => { location.hash = `#/audit?batch=${encodeURIComponent(event.target.value)}`; });
  if (!batch) { page.querySelector('.audit-body').textContent = '还没有图斑批次。'; return; }
  const path = `/api/audit/${encodeURIComponent(batch)}`;
  const state = await api(path);
  const reload = () => { main.replaceChildren(); return renderAudit(main, user); };
  const body = page.querySelector('.audit-body');
  if (!state.seed) {
    body.append(seedForm(path, reload));
    return;
  }
  body.append(seedCard(state.seed));
  if (!state.sampled.length) body.append(drawForm(path, reload));
  else body.append(sampleCard(state));
}

function seedForm(path, reload) {
  const form = html(`<form class="card step"><h2>公布抽样种子</h2>
    <p class="muted">种子由本批次全部已审核判定的摘要与一个事先公布、无人能控制的数值（如某日福彩开奖号码）共同决定，任何人都可复算抽样结果。</p>
    <label>公布值<input name="announcedValue" required placeholder="如 2024-06-01 福彩3D 123"></label>
    <div class="row-fields"><label>抽样比例（%）<input name="ratePercent" type="number" min="1" max="100" value="10"></label>
      <label>每层至少<input name="minimumPerStratum" type="number" min="0" value="1"></label></div>
    <label class="check"><input name="allowPending" type="checkbox"> 尚有未办结图斑时仍然公布（这些图斑不参加本次抽样）</label>
    <p class="error" hidden></p><button type="submit">公布种子</button></form>`);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, () => api(`${path}/seed`, { method: 'POST', body: {
    announcedValue: form.announcedValue.value, ratePercent: Number(form.ratePercent.value), minimumPerStratum: Number(form.minimumPerStratum.value),
    allowPending: form.allowPending.checked } })));
  return form;
}

function seedCard(seed) {
  return html(`<div class="card"><h2>抽样种子</h2><dl class="pairs">
    <dt>公布值</dt><dd>${escape(seed.announcedValue)}</dd><dt>参加抽样</dt><dd>${seed.candidateCodes.length} 个已审核图斑</dd>
    <dt>比例</dt><dd>${seed.ratePercent}%，每层至少 ${seed.minimumPerStratum} 个</dd>
    <dt>判定摘要</dt><dd><code>${escape(seed.determinationsDigest)}</code></dd><dt>种子</dt><dd><code>${escape(seed.seed)}</code></dd></dl></div>`);
}

function drawForm(path, reload) {
  const form = html(`<form class="card step"><h2>抽样</h2><p class="muted">按市 × 上报类别分层抽取；抽中后即可逐个复核。</p>
    <p class="error" hidden></p><button type="submit">抽样</button></form>`);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, () => api(`${path}/draw`, { method: 'POST' })));
  return form;
}

function sampleCard(state) {
  const judged = state.sampled.filter((s) => s.judged).length;
  const card = html(`<div class="card"><h2>抽中图斑 <small>${state.sampled.length} 个，已复核 ${judged} 个，瞒报 ${state.sampled.filter((s) => s.concealed).length} 个</small></h2>
    <label class="check"><input type="checkbox" name="pending" checked> 只看待复核</label>
    <div class="scroll sample-list"><table class="grid rows"><thead><tr><th>图斑编号</th><th>县级上报类别</th><th>状态</th><th>复核</th></tr></thead><tbody></tbody></table></div></div>`);
  const show = () => {
    const pendingOnly = card.querySelector('[name=pending]').checked;
    card.querySelector('tbody').replaceChildren(...state.sampled.filter((s) => !pendingOnly || !s.judged).map((s) => {
      const row = html(`<table><tr class="${s.concealed ? 'alarm' : ''}"><td>${escape(s.code)}</td><td>${escape(s.category?.name || '—')}</td>
        <td><span class="status ${s.status.code}">${escape(s.status.name)}</span></td><td>${s.judged ? (s.concealed ? '瞒报' : '一致') : '待复核'}</td></tr></table>`).querySelector('tr');
      row.addEventListener('click', () => { location.hash = `#/patches/${encodeURIComponent(s.batch)}/${encodeURIComponent(s.code)}`; });
      return row;
    }));
    if (!card.querySelector('tbody').children.length) {
      card.querySelector('tbody').append(html('<table><tr><td colspan="4" class="muted">抽中图斑已全部复核</td></tr></table>').querySelector('tr'));
    }
  };
  card.querySelector('[name=pending]').addEventListener('change', show);
  show();
  return card;
}
