// 整改措施 of a case or a supervision problem: each measure with its status and evidence, and the forms
// the caller may use on it — hand in evidence (整改佐证上报) or, as the record's keeper, accept or reject it.
import { api } from './api.js';
import { html, escape, mu, dateTime } from './format.js';
import { submitForm, uploadPhotos, today } from './forms.js';

const kinds = [['demolishAndRestore', '拆除复耕'], ['retroactiveApproval', '补办手续'], ['confiscation', '没收']];

/// `record` is the case or problem answer, `path` its API path; `keeper` the permission that verifies.
export function rectificationCard(user, record, path, keeper, reload) {
  const plan = record.rectification;
  const open = !record.closedOn;
  const card = html(`<div class="card"><h2>整改措施 <small>${plan.deadline ? `期限 ${escape(plan.deadline)}` : '未定期限'} · 未完成 ${plan.openCount} 项</small></h2>
    <ol class="measures"></ol></div>`);
  const list = card.querySelector('.measures');
  if (!plan.measures.length) list.replaceWith(html('<p class="muted">尚无整改措施</p>'));
  for (const measure of plan.measures) {
    const item = html(`<li class="measure"><div><b>${escape(measure.kind.name)}</b> ${escape(measure.detail)}
      ${measure.area ? `· ${mu(measure.area)} 亩` : ''} <span class="measure-status ${measure.status.code}">${escape(measure.status.name)}</span>
      ${measure.verifiedBy ? `<span class="muted">（${escape(measure.verifiedBy)} ${escape(measure.verifiedOn || '')} 验收）</span>` : ''}</div>
      ${measure.lastRejection ? `<div class="hot">上次退回：${escape(measure.lastRejection)}</div>` : ''}
      ${measure.evidence.map((e) => `<div class="evidence">${escape(dateTime(e.at))} · ${escape(e.by)}：${escape(e.note)}
        <div class="photos">${e.files.map((sha) => `<a href="/api/photos/${sha}" target="_blank"><img src="/api/photos/${sha}" alt="整改佐证" loading="lazy"></a>`).join('')}</div></div>`).join('')}
    </li>`);
    if (open && measure.status.code === 'open' && user.permissions.includes('rectify')) {
      item.append(evidenceForm(record, path, measure, reload));
    }
    if (open && measure.status.code === 'evidenceSubmitted' && user.permissions.includes(keeper)) {
      item.append(verifyForm(record, path, measure, reload));
    }
    list.append(item);
  }
  return card;
}

function evidenceForm(record, path, measure, reload) {
  const form = html(`<form class="inline-form"><label>整改佐证说明<input name="note" placeholder="如 已拆除厂房并复耕"></label>
    <label>佐证照片<input name="photos" type="file" accept="image/jpeg" multiple></label>
    <p class="error" hidden></p><button type="submit">提交佐证</button></form>`);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, async () => {
    const photos = await uploadPhotos(form.photos.files);
    await api(`${path}/rectification`, { method: 'POST', body: {
      version: record.version, measure: measure.number, step: 'evidence', note: form.note.value, photos } });
  }));
  return form;
}

function verifyForm(record, path, measure, reload) {
  const form = html(`<form class="inline-form"><label>验收日期<input name="on" type="date" value="${today()}"></label>
    <label>退回理由（不通过时必填）<input name="reason"></label><p class="error" hidden></p>
    <div class="buttons"><button type="submit" value="accept">验收通过</button><button type="submit" value="reject" class="secondary">不通过</button></div></form>`);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, (button) => api(`${path}/rectification`, { method: 'POST', body: {
    version: record.version, measure: measure.number, step: button.value, on: form.on.value, reason: form.reason.value } })));
  return form;
}

/// Rows for entering measures: kind, detail and area in 亩; `read()` gives them as the API takes them.
export function measureRows() {
  const row = () => html(`<div class="measure-row"><select name="kind">${kinds.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select>
    <input name="detail" placeholder="措施说明"><input name="areaMu" type="number" min="0" step="0.01" placeholder="亩"></div>`);
  const box = html('<div class="measure-rows"><div class="rows"></div><button type="button" class="plain">＋ 再加一项</button></div>');
  const rows = box.querySelector('.rows');
  rows.append(row());
  box.querySelector('button').addEventListener('click', () => rows.append(row()));
  box.read = () => [...rows.children].filter((r) => r.querySelector('[name=detail]').value || r.querySelector('[name=areaMu]').value)
    .map((r) => ({ kind: r.querySelector('[name=kind]').value, detail: r.querySelector('[name=detail]').value,
      areaMu: r.querySelector('[name=areaMu]').value === '' ? undefined : Number(r.querySelector('[name=areaMu]').value) }));
  return box;
}

export function historyCard(record, names) {
  return html(`<div class="card"><h2>历史（审计日志）</h2><ol class="history">${(record.history || []).map((e) =>
    `<li><span>${escape(dateTime(e.at))}</span> ${escape(names[e.action] || e.action)} · ${escape(e.actor)}</li>`).join('')}</ol></div>`);
}

/// 结案 and 督察销号 take the same form: a date, once every measure is verified.
export function closingForm(record, path, reload, title = '结案', note = '整改措施须全部验收通过；结案后图斑记为整改到位。') {
  const form = html(`<form class="card step inline-card"><h2>${escape(title)}</h2><p class="muted">${escape(note)}</p>
    <label>日期<input name="on" type="date" value="${today()}"></label>
    <p class="error" hidden></p><button type="submit"${record.rectification.openCount ? ' disabled' : ''}>${escape(title)}</button></form>`);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, () => api(`${path}/closing`, { method: 'POST', body: {
    version: record.version, on: form.on.value } })));
  return form;
}
