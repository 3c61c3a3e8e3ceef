// What every office form does: disable its buttons while the request runs, show the server's message
// on failure (a 409 says the record changed meanwhile), and reload the page on success.
import { api } from './api.js';
import { html, escape } from './format.js';

export async function submitForm(event, form, reload, action) {
  event.preventDefault();
  const message = form.querySelector('.error');
  const buttons = form.querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  message.hidden = true;
  try {
    await action(event.submitter);
    await reload();
  } catch (error) {
    message.textContent = error.status === 409 ? `${error.message}（请刷新页面查看最新情况）` : error.message;
    message.hidden = false;
    buttons.forEach((b) => { b.disabled = false; });
  }
}

/// Uploads the chosen JPEG files one by one; their SHA-256 in order.
export async function uploadPhotos(files) {
  const hashes = [];
  for (const file of files) {
    hashes.push((await api('/api/photos', { method: 'POST', raw: file, contentType: 'image/jpeg' })).sha256);
  }
  return hashes;
}

/// Today as YYYY-MM-DD in the browser's time zone (the bureaus' day).
export function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/// The "批次/编号" lines of a textarea as patch references; the bad lines are named in the error.
export function patchRefs(text) {
  const lines = text.split(/[\n,，;；]+/).map((line) => line.trim()).filter(Boolean);
  const bad = lines.filter((line) => !/^[^/\s]+\/[^/\s]+$/.test(line));
  if (bad.length) throw new Error(`图斑应写成「批次/编号」，每行一个：${bad.join('、')}`);
  return lines.map((line) => { const [batch, code] = line.split('/'); return { batch, code }; });
}

/// A form behind a summary line, so a list page opens on its list; `open` unfolds it (e.g. when a link
/// came to fill it in).
export function folded(title, form, open = false) {
  const box = html(`<details class="folded"${open ? ' open' : ''}><summary>${escape(title)}</summary></details>`);
  box.append(form);
  return box;
}
