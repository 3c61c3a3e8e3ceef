// A camera frame with rectangles drawn over it in the frame's own pixels (x right, y down), so the
// boxes stay on their place whatever size the picture is shown at.
import { html, escape } from './format.js';

/// `boxes`: [{ rect: [minX, minY, maxX, maxY], kind: 'alarm' | 'other' | 'patch', label }].
export function frameView(url, caption, boxes = []) {
  const figure = html(`<figure class="frame"><figcaption>${escape(caption)}</figcaption>
    <div class="frame-box"><img src="${escape(url)}" alt="${escape(caption)}"><svg preserveAspectRatio="none"></svg></div></figure>`);
  const img = figure.querySelector('img'), svg = figure.querySelector('svg');
  const draw = () => {
    svg.setAttribute('viewBox', `0 0 ${img.naturalWidth} ${img.naturalHeight}`);
    svg.innerHTML = boxes.map(({ rect: [x0, y0, x1, y1], kind, label }) =>
      `<rect class="${kind}" x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"><title>${escape(label ?? '')}</title></rect>`).join('');
  };
  if (img.complete && img.naturalWidth) draw(); else img.addEventListener('load', draw);
  return figure;
}
