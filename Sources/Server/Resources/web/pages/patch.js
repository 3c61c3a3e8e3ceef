// 图斑详情: outline on the map, areas, overlay per layer, pre-judgement with its reasons, field
// evidence, tower-camera frames of the place, history, and the form for the step the caller may take now.
import { api } from '../api.js';
import { html, escape, mu, squareMetres, hectares, percent, statusColours, dateTime } from '../format.js';
import { addReferenceLayers, addSwipe, createMap, showOutline, showPhoto } from '../map.js';
import { submitForm, uploadPhotos } from '../forms.js';
import { patchActions as actions, constructionStates, constructionStateNames, patchFieldNames } from '../labels.js';
import { frameView } from '../frame-view.js';

export async function renderPatchDetail(main, user, batch, code) {
  const path = `/api/patches/${encodeURIComponent(batch)}/${encodeURIComponent(code)}`;
  const [patch, regions] = await Promise.all([api(path), api('/api/regions')]);
  const names = Object.fromEntries(regions.map((r) => [r.code, r.name]));
  const page = html(`<section class="detail">
    <div class="toolbar"><a href="#/patches">← 图斑列表</a><h1>${escape(patch.code)}</h1>
      <span class="status ${patch.status.code}">${escape(patch.status.name)}</span><span class="muted">版本 ${patch.version}</span></div>
    <div class="split"><div class="facts scroll"></div><div id="map" class="map card"></div></div></section>`);
  main.append(page);
  const facts = page.querySelector('.facts');
  facts.append(...[summary(patch, names), deliveredFields(patch), prejudgement(patch), overlays(patch), verifications(patch),
    cameraEvidence(path), history(patch)].filter(Boolean));
  const form = stepForm(user, patch, path, () => renderAgain(main, user, batch, code));
  if (form) facts.prepend(form);
  const map = createMap(page.querySelector('#map'));
  const imagery = await api(`/api/imagery?batch=${encodeURIComponent(batch)}`);
  const before = imagery.find((i) => i.phase.code === 'before'), after = imagery.find((i) => i.phase.code === 'after');
  if (before && after) addSwipe(map, before, after);
  addReferenceLayers(map, await api('/api/layers'), api);
  showOutline(map, patch.geometry, statusColours[patch.status.code]);
  for (const verification of patch.verifications) {
    for (const photo of verification.photos) showPhoto(map, photo, `/api/photos/${photo.sha256}`);
  }
}

function renderAgain(main, user, batch, code) {
  main.replaceChildren();
  return renderPatchDetail(main, user, batch, code);
}

function summary(patch, names) {
  const w = patch.workflow;
  return html(`<div class="card"><h2>基本信息</h2><dl class="pairs">
    <dt>批次</dt><dd>${escape(patch.batch)}</dd><dt>县区</dt><dd>${escape(names[patch.county] || patch.county || '—')}</dd>
    <dt>面积</dt><dd>${mu(patch.area)} 亩 · ${squareMetres(patch.area)} m² · ${hectares(patch.area)} 公顷（CGCS2000 椭球面积）</dd>
    <dt>前/后时相</dt><dd>${escape(patch.beforeDate || '—')} / ${escape(patch.afterDate || '—')}</dd>
    <dt>核查期限</dt><dd>${escape(w.assignment?.due || '—')}</dd>
    ${w.determination ? `<dt>判定</dt><dd>${w.determination.parts.map((p) => `${escape(p.subtype.code)} ${escape(p.subtype.name)} ${mu(p.area)} 亩${p.documents.length ? `（${p.documents.map(escape).join('、')}）` : ''}`).join('；')}</dd>` : ''}
    ${w.selectedForAudit ? `<dt>省级抽样</dt><dd>${w.auditJudgement ? `已复核：${escape(w.auditJudgement.subtype.code)} ${escape(w.auditJudgement.subtype.name)}（${escape(w.auditedBy || '')}）` : '抽中，待复核'}</dd>` : ''}
    ${w.lastReturn ? `<dt>退回理由</dt><dd class="hot">${escape(w.lastReturn.reason)}（${escape(w.lastReturn.by)}）</dd>` : ''}
    ${w.caseNumber ? `<dt>案件</dt><dd><a href="#/cases/${encodeURIComponent(w.caseNumber)}">${escape(w.caseNumber)}</a>${w.rectifiedOn ? `，${escape(w.rectifiedOn)} 整改到位` : ''}</dd>` : ''}
    ${patch.invalidReason ? `<dt>几何修复</dt><dd>${escape(patch.invalidReason)}</dd>` : ''}
  </dl></div>`);
}

/// 下发属性: the fields of the file the patch came in (the ministry's, or `detect`'s change type and
/// confidence for a batch of AI candidates), folded away behind its count.
function deliveredFields(patch) {
  const entries = Object.entries(patch.attributes).filter(([, value]) => value !== '').sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return null;
  const shown = ([field, value]) => field === 'ZXD' && Number.isFinite(Number(value)) ? percent(Number(value)) : value;
  return html(`<details class="card delivered"><summary><h2>下发属性（${entries.length} 项）</h2></summary><dl class="pairs">
    ${entries.map((entry) => `<dt title="${escape(entry[0])}">${escape(patchFieldNames[entry[0]] || entry[0])}</dt><dd>${escape(shown(entry))}</dd>`).join('')}
  </dl></details>`);
}

function prejudgement(patch) {
  const p = patch.prejudgement;
  if (!p) return html('<div class="card"><h2>预判</h2><p class="muted">尚未预判</p></div>');
  return html(`<div class="card"><h2>预判：<span class="${p.verdict.code === 'suspectedIllegal' ? 'hot' : ''}">${escape(p.verdict.name)}</span>
    <small>优先级 ${escape(p.priority.name)}</small></h2>
    <ul>${p.fired.map((rule) => `<li><b>${escape(rule.name)}</b>：${rule.reasons.map(escape).join('；')}</li>`).join('') || '<li class="muted">没有规则命中</li>'}</ul></div>`);
}

function overlays(patch) {
  return html(`<div class="card"><h2>叠加分析</h2><table class="grid"><thead><tr><th>图层</th><th>面积（亩）</th><th>占图斑</th><th>地类（亩）</th></tr></thead>
    <tbody>${patch.overlays.map((o) => `<tr><td>${escape(o.kind.name)} · ${escape(o.layer)}</td><td class="number">${mu(o.area)}</td><td class="number">${percent(o.share)}</td>
      <td>${Object.entries(o.classes).map(([c, a]) => `${escape(c)}: ${mu(a)}`).join('，') || '—'}</td></tr>`).join('')
      || '<tr><td colspan="4" class="muted">无叠加结果</td></tr>'}</tbody></table></div>`);
}

function verifications(patch) {
  if (!patch.verifications.length) return html('<div class="card"><h2>外业核查</h2><p class="muted">尚无核查记录</p></div>');
  return html(`<div class="card"><h2>外业核查</h2>${patch.verifications.map((v) => `
    <div class="verification"><div>${escape(dateTime(v.at))} · ${escape(v.officer)}
      ${v.form.constructionState ? ` · ${escape(constructionStateNames[v.form.constructionState])}` : ''} ${escape(v.form.currentUse)} ${escape(v.notes)}</div>
      ${v.flags.length ? `<div class="hot">⚠ ${v.flags.length} 项照片存疑</div>` : ''}
      <div class="photos">${v.photos.map((p) => `<a href="/api/photos/${p.sha256}" target="_blank"><img src="/api/photos/${p.sha256}" alt="现场照片" loading="lazy"></a>`).join('')}</div>
    </div>`).join('')}</div>`);
}

/// 视频佐证: for each tower preset that sees the patch, its frames nearest before the 前时相 and after
/// the 后时相 with the patch boxed; the card stays hidden when no camera sees it.
function cameraEvidence(path) {
  const card = html('<div class="card camera-evidence" hidden><h2>视频佐证</h2></div>');
  api(`${path}/camera-evidence`).then(({ items }) => {
    for (const e of items) {
      const boxes = e.view ? [{ rect: e.view, kind: 'patch', label: '图斑范围' }] : [];
      const frames = html(`<div><p>${escape(e.camera)} ${escape(e.cameraName)} · 预置位 ${e.preset} · 图斑 ${percent(e.coveredShare)} 在视野内</p>
        <div class="evidence-frames"></div></div>`);
      const pair = frames.querySelector('.evidence-frames');
      for (const [pass, label] of [[e.before, '前时相前最近画面'], [e.after, '后时相后最近画面']]) {
        pair.append(pass ? frameView(pass.frame, `${label} ${dateTime(pass.capturedAt)}`, boxes) : html(`<p class="muted">${label}：无</p>`));
      }
      card.append(frames);
    }
    card.hidden = !items.length;
  }).catch(() => {});
  return card;
}

function history(patch) {
  return html(`<div class="card"><h2>历史（审计日志）</h2><ol class="history">${patch.history.map((e) =>
    `<li><span>${escape(dateTime(e.at))}</span> ${escape(actions[e.action] || e.action)} · ${escape(e.actor)} <code title="${escape(e.hash)}">${escape(e.hash.slice(0, 8))}</code></li>`).join('')}</ol></div>`);
}

/// The one form that fits the patch's status and the caller's permissions; nil when there is nothing to do.
function stepForm(user, patch, path, reload) {
  const can = (permission) => user.permissions.includes(permission);
  const status = patch.status.code;
  if (can('verify') && ['assigned', 'verified', 'returned'].includes(status)) return verifyForm(patch, path, reload, can('determine'));
  if (can('review') && status === 'submitted') return reviewForm(patch, path, reload);
  if (can('audit') && patch.workflow.selectedForAudit && !patch.workflow.auditJudgement) return auditForm(patch, path, reload);
  if (can('manage-cases') && status === 'approved' && patch.category?.code === 'illegal' && !patch.workflow.caseNumber) {
    return html(`<div class="card step"><h2>立案查处</h2><p>该图斑已审核为违法，尚未立案。</p>
      <a class="button" href="#/cases?file=${encodeURIComponent(`${patch.batch}/${patch.code}`)}">立案</a></div>`);
  }
  return null;
}

function verifyForm(patch, path, reload, mayDetermine) {
  const form = html(`<form class="card step"><h2>外业核查</h2>
    <label>建设状态<select name="constructionState">${constructionStates.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
    <label>现状用途<input name="currentUse" placeholder="如 厂房、道路、耕地"></label>
    <label>说明<textarea name="notes" rows="2"></textarea></label>
    <label>现场照片<input name="photos" type="file" accept="image/jpeg" capture="environment" multiple></label>
    <p class="error" hidden></p><button type="submit">提交核查</button></form>`);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, async () => {
    const photos = await uploadPhotos(form.photos.files);
    const position = await here();
    await api(`${path}/verifications`, { method: 'POST', body: {
      version: patch.version, constructionState: form.constructionState.value || undefined, currentUse: form.currentUse.value,
      notes: form.notes.value, photos, position, accuracyMetres: position?.accuracy } });
  }));
  if (!mayDetermine || patch.status.code !== 'verified') return form;
  const wrapper = html('<div></div>');
  wrapper.append(determineForm(patch, path, reload), form);
  return wrapper;
}

function determineForm(patch, path, reload) {
  const form = html(`<form class="card step"><h2>内业判定</h2>
    <label>判定子类（整个图斑）<select name="subtype"></select></label>
    <label>批准文号等（合法时必填）<input name="document"></label>
    <label>说明<textarea name="note" rows="2"></textarea></label>
    <p class="error" hidden></p><button type="submit">提交市级审核</button></form>`);
  fillCodes(form.subtype);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, () => api(`${path}/determination`, { method: 'POST', body: {
    version: patch.version, note: form.note.value,
    parts: [{ subtype: form.subtype.value, documents: form.document.value ? [form.document.value] : [] }] } })));
  return form;
}

/// The determination code list as options, e.g. "WF01 未批先建（违法）".
function fillCodes(select) {
  api('/api/determination-codes').then((codes) => {
    select.replaceChildren(...codes.map((c) => html(`<option value="${escape(c.code)}">${escape(c.code)} ${escape(c.name)}（${{ legal: '合法', illegal: '违法', other: '其他' }[c.category]}）</option>`)));
  });
}

function auditForm(patch, path, reload) {
  const reported = patch.workflow.determination?.parts.map((p) => `${p.subtype.code} ${p.subtype.name}`).join('；') || '—';
  const form = html(`<form class="card step"><h2>省级复核</h2>
    <p class="muted">县级判定：${escape(reported)}</p>
    <label>复核结论（判定子类）<select name="subtype"></select></label>
    <label>说明<textarea name="note" rows="2"></textarea></label>
    <p class="error" hidden></p><button type="submit">提交复核</button></form>`);
  fillCodes(form.subtype);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, () => api(`${path}/audit-judgement`, { method: 'POST', body: {
    version: patch.version, subtype: form.subtype.value, note: form.note.value } })));
  return form;
}

function reviewForm(patch, path, reload) {
  const form = html(`<form class="card step"><h2>市级审核</h2>
    <label>退回理由（退回时必填）<textarea name="reason" rows="2"></textarea></label>
    <p class="error" hidden></p>
    <div class="buttons"><button type="submit" name="decision" value="approve">审核通过</button>
      <button type="submit" name="decision" value="return" class="secondary">退回县级</button></div></form>`);
  form.addEventListener('submit', (event) => submitForm(event, form, reload, () => api(`${path}/review`, { method: 'POST', body: {
    version: patch.version, decision: event.submitter.value, reason: form.reason.value } })));
  return form;
}

/// The device's position when the browser gives one within five seconds; undefined otherwise.
function here() {
  if (!navigator.geolocation) return Promise.resolve(undefined);
  return new Promise((resolve) => navigator.geolocation.getCurrentPosition(
    (p) => resolve({ lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy }),
    () => resolve(undefined), { timeout: 5000, enableHighAccuracy: true }));
}
