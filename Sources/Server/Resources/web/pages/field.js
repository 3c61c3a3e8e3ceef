// 外业核查（离线）: the officer's phone page. 下载任务 stores the open tasks and their imagery on the
// phone; the list works offline; saved verifications wait in the outbox until 同步. A draft whose patch
// changed meanwhile shows as 冲突 until the officer discards it or reviews the latest state and resubmits.
import { html, escape, mu } from '../format.js';
import { outbox, tasks } from '../field-store.js';
import { downloadTasks } from '../field-download.js';
import { discard, draftStates, loadLatest, syncOutbox } from '../field-sync.js';
import { patchActions as actions } from '../labels.js';


/// Aborts when the user leaves the page (the router replaces the page on every hash change).
export function whileShown() {
  const shown = new AbortController();
  window.addEventListener('hashchange', () => shown.abort(), { once: true });
  return shown.signal;
}

/// 在线/离线 as the browser sees it, kept up to date while the page is shown; `changed()` runs on each change.
export function networkBadge(signal, changed = () => {}) {
  const badge = html('<span class="net"></span>');
  const show = () => {
    badge.textContent = navigator.onLine ? '在线' : '离线';
    badge.className = `net ${navigator.onLine ? 'online' : 'offline'}`;
    changed();
  };
  window.addEventListener('online', show, { signal });
  window.addEventListener('offline', show, { signal });
  show();
  return badge;
}

const fieldLink = (batch, code) => `#/field/${encodeURIComponent(batch)}/${encodeURIComponent(code)}`;
const shortTime = (iso) => iso ? new Date(iso).toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '—';

export async function renderField(main, user) {
  if (!user.permissions.includes('verify')) {
    main.append(html('<div class="error">您的角色没有外业核查权限 / no verify permission</div>'));
    return;
  }
  const page = html(`<section class="field">
    <div class="field-bar card">
      <span class="outbox-count"></span>
      <span class="field-buttons"><button type="button" class="download">下载任务</button><button type="button" class="sync">同步</button></span>
    </div>
    <p class="field-progress" aria-live="polite"></p>
    <div class="card drafts" hidden><h2>待同步</h2><ul class="outbox-list plain"></ul></div>
    <div class="card"><h2>我的任务 <small class="downloaded"></small></h2><ul class="task-list plain"></ul></div>
    <p class="muted app-cache"></p>
  </section>`);
  main.append(page);
  const signal = whileShown();
  const $ = (selector) => page.querySelector(selector);
  const progress = (text, failed = false) => {
    $('.field-progress').textContent = text;
    $('.field-progress').classList.toggle('error', failed);
  };
  let busy = false;
  const showNetwork = () => {
    $('.download').disabled = $('.sync').disabled = busy || !navigator.onLine;
  };
  $('.field-bar').prepend(networkBadge(signal, showNetwork));
  const showAppCache = () => {
    $('.app-cache').textContent = navigator.serviceWorker?.controller
      ? '应用已缓存：没有网络时也能打开本页。' : '应用缓存中…（需 HTTPS 或本机地址；完成后离线也能打开本页）';
  };
  const refresh = async () => {
    const [taskList, drafts] = await Promise.all([tasks.all(user.username), outbox.all(user.username)]);
    renderTasks(page, taskList, drafts);
    renderDrafts(page, drafts, run);
  };
  /// Runs one button's work with the buttons off, then shows the stored state again.
  const run = async (work) => {
    busy = true;
    showNetwork();
    try {
      await work();
    } catch (error) {
      // The session ended: sign in again; the outbox stays on the phone.
      if (error.status === 401) { location.hash = '#/login?then=/field'; return; }
      progress(error.message, true);
    } finally {
      busy = false;
      showNetwork();
      await refresh();
    }
  };
  $('.download').addEventListener('click', () => run(async () => {
    const result = await downloadTasks(user, progress);
    if (!result.tiles && !result.skippedPatches) progress('本批次没有登记影像，或图斑不在影像范围内：离线地图只有图斑轮廓。');
  }));
  $('.sync').addEventListener('click', () => run(async () => {
    progress('正在同步…');
    const counts = await syncOutbox(user);
    progress(`同步完成：成功 ${counts.sent} 条${counts.conflict ? `，冲突 ${counts.conflict} 条（见上方，需您处理）` : ''}${counts.error ? `，失败 ${counts.error} 条` : ''}`,
      Boolean(counts.conflict || counts.error));
  }));
  navigator.serviceWorker?.addEventListener('controllerchange', showAppCache, { signal });
  showAppCache();
  await refresh();
}

function renderTasks(page, taskList, drafts) {
  const draftOf = new Map(drafts.map((d) => [`${d.batch}/${d.code}`, d]));
  taskList.sort((a, b) => (a.due || '9999').localeCompare(b.due || '9999') || a.code.localeCompare(b.code));
  page.querySelector('.downloaded').textContent = taskList.length
    ? `${taskList.length} 个 · 下载于 ${shortTime(taskList.map((t) => t.downloadedAt).sort().at(-1))}` : '';
  page.querySelector('.task-list').replaceChildren(...taskList.map((task) => {
    const draft = draftOf.get(`${task.batch}/${task.code}`);
    const status = task.sent?.status || task.detail.status;
    const local = draft ? `<span class="local ${draft.state}">${draftStates[draft.state]}</span>`
      : task.sent ? '<span class="local sent">已同步</span>' : '';
    return html(`<li class="task"><a href="${fieldLink(task.batch, task.code)}">
      <span class="code">${escape(task.code)}</span><span class="status ${escape(status.code)}">${escape(status.name)}</span>${local}
      <span class="due">到期 ${escape(task.due || '—')}</span>
      <span class="muted">${escape(task.batch)} · ${mu(task.detail.area)} 亩${task.detail.prejudgement ? ` · ${escape(task.detail.prejudgement.verdict.name)}` : ''}</span></a></li>`);
  }));
  if (!taskList.length) page.querySelector('.task-list').append(html('<li class="muted">尚未下载任务：联网时点「下载任务」。</li>'));
}

function renderDrafts(page, drafts, run) {
  page.querySelector('.outbox-count').textContent = `待同步 ${drafts.length} 条`;
  page.querySelector('.drafts').hidden = !drafts.length;
  page.querySelector('.outbox-list').replaceChildren(...drafts.map((draft) => {
    const item = html(`<li class="draft ${draft.state}" data-code="${escape(draft.code)}">
      <div><a href="${fieldLink(draft.batch, draft.code)}"><b>${escape(draft.code)}</b></a> <span class="local ${draft.state}">${draftStates[draft.state]}</span>
        <small class="muted">保存于 ${shortTime(draft.savedAt)} · 照片 ${draft.photos.length} 张 · 基于版本 ${draft.version}</small></div>
      ${draft.message ? `<p class="error">${escape(draft.message)}</p>` : ''}
      ${draft.latest ? `<p class="muted">图斑现为「${escape(draft.latest.status.name)}」，版本 ${draft.latest.version}（您下载时为版本 ${draft.version}）${latestChange(draft.latest)}</p>` : ''}
    </li>`);
    if (draft.state === 'conflict') {
      const buttons = html(`<div class="buttons"><button type="button" class="secondary discard">放弃</button>
        <button type="button" class="review">查看最新后重新提交</button></div>`);
      buttons.querySelector('.discard').addEventListener('click', () => {
        if (confirm(`放弃图斑 ${draft.code} 的本机核查记录？照片也将删除。`)) run(() => discard(draft));
      });
      buttons.querySelector('.review').addEventListener('click', () => run(async () => {
        await loadLatest(draft);
        location.hash = fieldLink(draft.batch, draft.code);
      }));
      item.append(buttons);
    }
    return item;
  }));
}

function latestChange(latest) {
  const change = latest.lastChange;
  return change ? `；最近：${escape(actions[change.action] || change.action)} · ${escape(change.actor)} · ${shortTime(change.at)}` : '';
}
