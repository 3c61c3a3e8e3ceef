// 案件详情: parties and patches, the 处罚决定 form, rectification measures with evidence and acceptance,
// payments, 结案, and the case's history.
import { api } from '../api.js';
import { html, escape, mu } from '../format.js';
import { submitForm, today } from '../forms.js';
import { rectificationCard, measureRows, historyCard, closingForm } from '../rectification.js';

const actions = {
  'case.file': '立案', 'case.decide': '处罚决定', 'case.rectification-evidence': '提交整改佐证', 'case.rectification-accept': '整改验收通过',
  'case.rectification-reject': '整改验收不通过', 'case.payment': '罚没款缴纳', 'case.close': '结案',
};

export async function renderCase(main, user, number) {
  const path = `/api/cases/${encodeURIComponent(number)}`;
  const [record, regions] = await Promise.all([api(path), api('/api/regions')]);
  const names = Object.fromEntries(regions.map((r) => [r.code, r.name]));
  const reload = () => { main.replaceChildren(); return renderCase(main, user, number); };
  const manages = user.permissions.includes('manage-cases') && record.status.code !== 'closed';
  const page = html(`<section class="detail case"><div class="toolbar"><a href="#/cases">← 案件</a><h1>${escape(record.number)}</h1>
    <span class="case-status ${record.status.code}">${escape(record.status.name)}</span><span class="muted">版本 ${record.version}</span></div>
    <div class="columns"><div class="main-column"></div><div class="side-column"></div></div></section>`);
  main.append(page);
  const column = page.querySelector('.main-column');
  column.append(summary(record, names));
  if (manages && record.status.code === 'filed') column.append(decisionForm(record, path, reload));
  if (record.status.code !== 'filed') column.append(rectificationCard(user, record, path, 'manage-cases', reload));
  if (manages && record.status.code === 'decided') {
    if (record.finesOutstandingYuan !== '0.00') column.append(paymentForm(record, path, reload));
    column.append(closingForm(record, path, reload));
  }
  page.querySelector('.side-column').append(historyCard(record, actions));
}

function summary(c, names) {
  const p = c.penalty;
  return html(`<div class="card"><h2>案件信息</h2><dl class="pairs">
    <dt>县区</dt><dd>${escape(names[c.region] || c.region)}</dd>
    <dt>当事人</dt><dd>${c.parties.map(escape).join('、')}</dd>
    <dt>违法图斑</dt><dd>${c.patches.map((x) => `<a href="#/patches/${encodeURIComponent(x.batch)}/${encodeURIComponent(x.code)}">${escape(x.batch)}/${escape(x.code)}</a>${x.status ? ` <span class="status ${x.status.code}">${escape(x.status.name)}</span>` : ''}`).join('、')}</dd>
    <dt>立案日期</dt><dd>${escape(c.filedOn)}</dd>
    ${p ? `<dt>处罚决定</dt><dd>${escape(c.decidedOn)}：罚款 ${escape(p.fineYuan)} 元${p.confiscation ? `，没收 ${escape(p.confiscation)}` : ''}${p.demolitionArea.squareMetres ? `，拆除 ${mu(p.demolitionArea)} 亩` : ''}</dd>
      <dt>罚没款</dt><dd>已缴 ${escape(c.finesCollectedYuan)} 元，未缴 <span class="${c.finesOutstandingYuan !== '0.00' ? 'hot' : ''}">${escape(c.finesOutstandingYuan)}</span> 元</dd>` : ''}
    ${c.closedOn ? `<dt>结案日期</dt><dd>${escape(c.closedOn)}</dd>` : ''}
  </dl></div>`);
}

function decisionForm(c, path, reload) {
  const form = html(`<form class="card step"><h2>处罚决定</h2>
    <label>罚款（元）<input name="fineYuan" inputmode="decimal" pattern="[0-9]+(\\.[0-9]{1,2})?" value="0" required></label>
    <label>没收内容<input name="confiscation" placeholder="如 地上建筑物 1200 平方米"></label>
    <label>拆除面积（亩）<input name="demolitionMu" type="number" min="0" step="0.01" value="0"></label>
    <fieldset><legend>整改措施</legend></fieldset>
    <label>整改期限<input name="deadline" type="date"></label>
    <label>决定日期<input name="on" type="date" value="${today()}"></label>
    <p class="error" hidden></p><button type="submit">作出处罚决定</button></form>`);
  const measures = measureRows();
  form.querySelector('fieldset').append(measures);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, () => api(`${path}/decision`, { method: 'POST', body: {
    version: c.version, fineYuan: form.fineYuan.value, confiscation: form.confiscation.value, demolitionMu: Number(form.demolitionMu.value || 0),
    measures: measures.read(), deadline: form.deadline.value || undefined, on: form.on.value } })));
  return form;
}

function paymentForm(c, path, reload) {
  const form = html(`<form class="card step inline-card"><h2>罚没款缴纳 <small>未缴 ${escape(c.finesOutstandingYuan)} 元</small></h2>
    <div class="row-fields"><label>金额（元）<input name="amountYuan" inputmode="decimal" required></label>
    <label>缴款日期<input name="on" type="date" value="${today()}"></label></div>
    <p class="error" hidden></p><button type="submit">登记缴款</button></form>`);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, () => api(`${path}/payments`, { method: 'POST', body: {
    version: c.version, amountYuan: form.amountYuan.value, on: form.on.value } })));
  return form;
}
