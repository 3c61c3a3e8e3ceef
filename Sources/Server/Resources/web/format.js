// How numbers and areas read on screen: 亩 with two decimals, m² whole, shares as percentages.

// Areas arrive as {squareMetres, …}; 1 亩 = 2000/3 m², 1 公顷 = 10 000 m².
export const mu = (area) => area ? (area.squareMetres * 3 / 2000).toFixed(2) : '—';
export const squareMetres = (area) => area ? Math.round(area.squareMetres).toLocaleString('zh-CN') : '—';
export const hectares = (area) => area ? (area.squareMetres / 10000).toFixed(4) : '—';
export const percent = (value) => value == null ? '—' : `${(value * 100).toFixed(1)}%`;
export const yuan = (value) => value == null ? '—' : value.toLocaleString('zh-CN', { minimumFractionDigits: 2 });

/// An ISO instant as the reader's local "YYYY-MM-DD HH:mm" (the audit log stores UTC).
export function dateTime(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return String(iso ?? '');
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16).replace('T', ' ');
}

export function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/// Builds an element from an HTML string whose dynamic parts were passed through escape().
export function html(markup) {
  const template = document.createElement('template');
  template.innerHTML = markup.trim();
  return template.content.firstElementChild;
}

export const statusColours = {
  unassigned: '#9aa5b1', assigned: '#2f80ed', verified: '#9b51e0',
  submitted: '#f2994a', returned: '#eb5757', approved: '#27ae60',
};
