// 外业核查 of one patch, from the phone's copy: the map with the patch, its imagery and the officer's
// position (and the way there), and the verification form. 保存 puts the draft with its photos in the
// outbox (works offline), stamped with the patch version seen at download. A draft in 待重新提交 shows
// the patch as it is now and is sent against that version only when the officer presses the button.
import { html, escape, mu, dateTime } from '../format.js';
import { imagery, outbox, tasks } from '../field-store.js';
import { followPosition, patchMap, wayTo } from '../field-map.js';
import { resubmit } from '../field-sync.js';
import { networkBadge, whileShown } from './field.js';
import { constructionStates, constructionStateNames } from '../labels.js';

const phases = { before: '前时相', after: '后时相' };

export async function renderFieldPatch(main, user, batch, code) {
  const key = [user.username, batch, code];
  const [task, draft, stored] = await Promise.all([tasks.get(key), outbox.get(key), imagery.get([user.username, batch])]);
  if (!task) {
    main.append(html(`<div class="error">本机没有图斑 ${escape(code)} 的任务：请先在<a href="#/field">外业核查</a>联网下载任务。</div>`));
    return;
  }
  const detail = task.detail;
  const reviewing = draft?.state === 'review';
  const page = html(`<section class="field field-patch">
    <div class="toolbar"><a href="#/field">← 任务</a><h1>${escape(code)}</h1>
      <span class="status ${escape(detail.status.code)}">${escape(detail.status.name)}</span><span class="muted">版本 ${detail.version}</span></div>
    ${notice(draft, detail)}
    <div class="field-map map card"></div>
    <div class="field-controls">${Object.entries(phases).map(([phase, name]) => `<button type="button" data-phase="${phase}">${name}</button>`).join('')}
      <button type="button" data-go="me">我的位置</button><button type="button" data-go="patch">图斑</button></div>
    <p class="position muted">正在定位…</p>
    <div class="card"><dl class="pairs"><dt>批次</dt><dd>${escape(batch)}</dd><dt>面积</dt><dd>${mu(detail.area)} 亩</dd>
      <dt>到期</dt><dd>${escape(task.due || '—')}</dd><dt>预判</dt><dd>${escape(detail.prejudgement?.verdict.name || '—')}</dd>
      ${detail.attributes?.BHLX ? `<dt>变化类型</dt><dd>${escape(detail.attributes.BHLX)}</dd>` : ''}
      ${detail.workflow.lastReturn ? `<dt>退回理由</dt><dd class="hot">${escape(detail.workflow.lastReturn.reason)}</dd>` : ''}</dl></div>
    <form class="card step field-form"><h2>外业核查${draft ? ' <small>（本机草稿）</small>' : ''}</h2>
      <label>建设状态<select name="constructionState">${constructionStates.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
      <label>现状用途<input name="currentUse" placeholder="如 厂房、道路、耕地"></label>
      <label>建设单位或个人<input name="builder"></label>
      <label>说明<textarea name="notes" rows="3"></textarea></label>
      <label>现场照片（可多张）<input name="photos" type="file" accept="image/jpeg" capture="environment" multiple></label>
      <div class="photos"></div>
      <p class="capture muted"></p>
      <p class="error" hidden></p>
      <div class="buttons"><button type="submit">${reviewing ? '按最新版本重新提交' : '保存（离线可用）'}</button>
        ${draft ? '<button type="button" class="secondary delete">删除草稿</button>' : ''}</div>
    </form></section>`);
  main.append(page);
  const signal = whileShown();
  page.querySelector('.toolbar').append(networkBadge(signal));
  const form = page.querySelector('form');
  const kept = draft?.photos || [];
  if (draft) {
    for (const [name, value] of Object.entries(draft.form)) form[name].value = value;
  }
  showPhotos(form, kept, signal);
  form.photos.addEventListener('change', () => showPhotos(form, [...kept, ...form.photos.files], signal));

  const { map, outline, showPhase } = patchMap(page.querySelector('.field-map'), detail, stored?.images || []);
  const phaseButtons = page.querySelectorAll('[data-phase]');
  const choose = (phase) => phaseButtons.forEach((b) => b.classList.toggle('chosen', b.dataset.phase === phase));
  phaseButtons.forEach((button) => {
    button.disabled = !(stored?.images || []).some((i) => i.phase.code === button.dataset.phase);
    button.addEventListener('click', () => { showPhase(button.dataset.phase); choose(button.dataset.phase); });
  });
  const first = ['after', 'before'].find((phase) => showPhase(phase));
  if (first) choose(first);

  let fix = null;
  const bounds = outline.getBounds();
  const box = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
  const position = page.querySelector('.position');
  followPosition(map, (latest) => {
    fix = latest;
    position.textContent = `我的位置 ±${Math.round(fix.accuracy)} 米 · 距图斑中心${wayTo(fix, box)}`;
    position.classList.remove('error');
    showCapture(form, fix);
  }, (message) => {
    position.textContent = message;
    position.classList.toggle('error', !fix);
  }, signal);
  showCapture(form, null);
  page.querySelector('[data-go="me"]').addEventListener('click', () => { if (fix) map.setView([fix.lat, fix.lon], Math.max(map.getZoom(), 17)); });
  page.querySelector('[data-go="patch"]').addEventListener('click', () => map.fitBounds(bounds, { maxZoom: 18, padding: [30, 30] }));

  page.querySelector('.delete')?.addEventListener('click', async () => {
    if (!confirm(`删除图斑 ${code} 的本机草稿和照片？`)) return;
    await outbox.delete(key);
    location.hash = '#/field';
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = form.querySelector('.error');
    message.hidden = true;
    const record = {
      ...draft, officer: user.username, batch, code,
      // The version seen at download: the server refuses (409) if the patch changed since.
      version: draft?.version ?? detail.version,
      form: { constructionState: form.constructionState.value, currentUse: form.currentUse.value.trim(),
        builder: form.builder.value.trim(), notes: form.notes.value.trim() },
      photos: [...kept, ...form.photos.files],
      position: fix && { lon: fix.lon, lat: fix.lat }, accuracyMetres: fix?.accuracy,
      // The API takes whole seconds (ISO 8601 without a fraction).
      at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      savedAt: new Date().toISOString(),
      // A conflict stays a conflict when its draft is edited: only 重新提交 sends it again.
      state: draft?.state === 'conflict' ? 'conflict' : 'pending',
    };
    try {
      // The task page shows how it went (sent, or 冲突 again when the patch changed once more).
      await (reviewing ? resubmit(record) : outbox.put(record));
      location.hash = '#/field';
    } catch (error) {
      // Offline or signed out, a resubmitted draft was saved and goes with the next 同步.
      message.textContent = error.status === 0 || error.status === 401 ? `已保存，联网并登录后在任务页点「同步」。（${error.message}）` : error.message;
      message.hidden = false;
    }
  });
}

/// What the officer must know before editing a draft that met a conflict; nothing for other drafts.
function notice(draft, detail) {
  if (draft?.state === 'conflict') {
    return `<div class="card conflict-notice"><h2>同步冲突</h2><p>${escape(draft.message)}</p>
      <p>请在<a href="#/field">任务页</a>选择「放弃」或「查看最新后重新提交」；在此修改的草稿不会自动发送。</p></div>`;
  }
  if (draft?.state !== 'review') return '';
  const others = detail.verifications.map((v) => `<li>${escape(dateTime(v.at))} · ${escape(v.officer)}：${escape(v.form.constructionState ? constructionStateNames[v.form.constructionState] : '')} ${escape(v.form.currentUse)} ${escape(v.notes)}</li>`).join('');
  return `<div class="card conflict-notice"><h2>图斑已被修改</h2>
    <p>您下载时为版本 ${draft.version}，现为版本 ${detail.version}，状态「${escape(detail.status.name)}」。请查看下面的最新情况和您的记录，确认后按最新版本重新提交；不需要时可删除草稿。</p>
    ${others ? `<p class="muted">已有的核查记录：</p><ul>${others}</ul>` : ''}</div>`;
}

function showPhotos(form, photos, signal) {
  const box = form.querySelector('.photos');
  box.replaceChildren(...photos.map((photo) => {
    const url = URL.createObjectURL(photo);
    signal.addEventListener('abort', () => URL.revokeObjectURL(url));
    return html(`<img src="${url}" alt="现场照片">`);
  }));
}

function showCapture(form, fix) {
  form.querySelector('.capture').textContent = fix
    ? `保存时记录位置：${fix.lat.toFixed(6)}, ${fix.lon.toFixed(6)}（±${Math.round(fix.accuracy)} 米，${fix.at.toLocaleTimeString('zh-CN')}）`
    : '尚未定位：保存的记录将不含位置。';
}

