// 同步: sends the outbox when online. For each draft: upload its photos (POST /api/photos), then record
// the verification against the version the officer saw at download. When the patch changed meanwhile
// the server answers 409 and writes nothing; the draft is kept as 冲突 and never sent again by itself:
// the officer discards it, or loads the latest state, reviews it and resubmits against it explicitly.
import { ApiError, api, currentSession } from './api.js';
import { outbox, tasks } from './field-store.js';

/// A draft's state in the outbox and how the page names it.
export const draftStates = { pending: '待同步', error: '同步失败', conflict: '冲突', review: '待重新提交' };

const keyOf = (draft) => [draft.officer, draft.batch, draft.code];
const pathOf = (draft) => `/api/patches/${encodeURIComponent(draft.batch)}/${encodeURIComponent(draft.code)}`;

/// Sends every draft that is not waiting for the officer (冲突, 待重新提交). Resolves to the counts;
/// throws ApiError 401 when the session is gone and status 0 when the network is (drafts kept as they are).
export async function syncOutbox(user) {
  await confirmSession();
  const counts = { sent: 0, conflict: 0, error: 0 };
  for (const draft of await outbox.all(user.username)) {
    counts[draft.state === 'conflict' || draft.state === 'review' ? 'conflict' : await send(draft)] += 1;
  }
  return counts;
}

/// 查看最新: the patch as it is now replaces the downloaded copy, so the officer reviews it before resubmitting.
export async function loadLatest(draft) {
  const detail = await api(pathOf(draft));
  const task = await tasks.get(keyOf(draft));
  await tasks.put({ ...task, detail });
  await outbox.put({ ...draft, state: 'review', latest: latestOf(detail) });
}

/// 重新提交: the officer has seen the latest version and sends the draft against it. Saved first, so
/// without a network it goes with the next 同步.
export async function resubmit(draft) {
  const ready = { ...draft, version: draft.latest.version, state: 'pending', message: '' };
  await outbox.put(ready);
  await confirmSession();
  return send(ready);
}

/// 放弃: drops the draft; the task shows the patch as the server has it now, when the network allows.
export async function discard(draft) {
  await outbox.delete(keyOf(draft));
  const detail = await api(pathOf(draft)).catch(() => null);
  const task = await tasks.get(keyOf(draft));
  if (detail && task) await tasks.put({ ...task, detail });
}

/// After an offline start the page holds no CSRF token, and the session may have ended: ask again.
async function confirmSession() {
  if (!(await currentSession())) {
    throw new ApiError(401, 'unauthenticated', '登录已过期，请重新登录后再同步（待同步的记录仍保留在本机）');
  }
}

/// Sends one draft; resolves to 'sent', 'conflict' or 'error' (the last two keep the draft with the server's message).
async function send(draft) {
  try {
    draft.uploaded ??= [];
    for (const photo of draft.photos.slice(draft.uploaded.length)) {
      draft.uploaded.push((await api('/api/photos', { method: 'POST', raw: photo, contentType: 'image/jpeg' })).sha256);
      await outbox.put(draft); // an interrupted sync does not upload the photo again
    }
    const result = await api(`${pathOf(draft)}/verifications`, { method: 'POST', body: {
      version: draft.version, at: draft.at, position: draft.position ?? undefined, accuracyMetres: draft.accuracyMetres ?? undefined,
      ...draft.form, photos: draft.uploaded } });
    await outbox.delete(keyOf(draft));
    const task = await tasks.get(keyOf(draft));
    if (task) await tasks.put({ ...task, sent: { at: new Date().toISOString(), status: result.status, version: result.version } });
    return 'sent';
  } catch (error) {
    if (error.status === 0 || error.status === 401) throw error;
    if (error.status === 409) {
      const detail = await api(pathOf(draft)).catch(() => null);
      await outbox.put({ ...draft, state: 'conflict', message: error.message, latest: detail && latestOf(detail) });
      return 'conflict';
    }
    await outbox.put({ ...draft, state: 'error', message: error.message });
    return 'error';
  }
}

/// What the conflict notice says about the patch now: status, version and the last change.
function latestOf(detail) {
  const last = detail.history.at(-1);
  return { status: detail.status, version: detail.version, lastChange: last && { action: last.action, actor: last.actor, at: last.at } };
}
