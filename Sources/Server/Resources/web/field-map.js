// The field map: the patch outline over its before/after image (one at a time: a phone has no room for a
// swipe) and the officer's own position with its accuracy, for finding the way to the patch. Tiles come
// from the cache the download filled (sw.js answers them offline).
import * as L from '/vendor/leaflet/leaflet.esm.js';
import { createMap, showOutline } from './map.js';

/// The map with the outline; `showPhase('before' | 'after')` switches the image (false when the batch has none).
export function patchMap(element, detail, images) {
  const map = createMap(element);
  const layers = Object.fromEntries(images.map((image) => [image.phase.code,
    // Zooms 15–18 are downloaded; below 15 the downloaded tiles are shown scaled down.
    L.tileLayer(image.tiles, { maxZoom: 20, minNativeZoom: 15, maxNativeZoom: 18 })]));
  const outline = showOutline(map, detail.geometry, '#ffd600');
  const showPhase = (phase) => {
    Object.values(layers).forEach((layer) => layer.remove());
    layers[phase]?.addTo(map);
    return Boolean(layers[phase]);
  };
  return { map, outline, showPhase };
}

const refusals = {
  1: '未获得定位权限：请在浏览器或系统设置中允许本网站使用位置。核查记录将不含位置。',
  2: '暂时无法定位（无卫星或网络定位信号），稍后自动重试。',
  3: '正在等待定位…',
};

/// Follows the device: a dot with its accuracy circle. `update(fix)` gets each fix
/// ({lon, lat, accuracy, at}), `fail(message)` a refusal; stops when `signal` aborts.
export function followPosition(map, update, fail, signal) {
  if (!navigator.geolocation) { fail('此浏览器不支持定位，核查记录将不含位置。'); return; }
  let dot = null, circle = null;
  const watch = navigator.geolocation.watchPosition((p) => {
    const at = [p.coords.latitude, p.coords.longitude];
    circle ??= L.circle(at, { radius: p.coords.accuracy, color: '#1565c0', weight: 1, fillOpacity: 0.15, interactive: false }).addTo(map);
    dot ??= L.circleMarker(at, { radius: 7, color: '#fff', weight: 2, fillColor: '#1565c0', fillOpacity: 1 }).bindTooltip('我的位置').addTo(map);
    circle.setLatLng(at).setRadius(p.coords.accuracy);
    dot.setLatLng(at);
    update({ lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy, at: new Date(p.timestamp) });
  }, (error) => fail(refusals[error.code] || error.message), { enableHighAccuracy: true, maximumAge: 10000, timeout: 30000 });
  signal.addEventListener('abort', () => navigator.geolocation.clearWatch(watch));
}

const compass = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];

/// "约 230 米，东北方向": from the fix to the centre of the patch's bbox (great circle, good to a few metres here).
export function wayTo(fix, bbox) {
  const rad = Math.PI / 180;
  const lat1 = fix.lat * rad, lat2 = (bbox[1] + bbox[3]) / 2 * rad;
  const dLon = ((bbox[0] + bbox[2]) / 2 - fix.lon) * rad;
  const a = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) ** 2;
  const metres = 2 * 6371008.8 * Math.asin(Math.sqrt(a));
  const bearing = (Math.atan2(Math.sin(dLon) * Math.cos(lat2), Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon)) / rad + 360) % 360;
  const distance = metres < 1000 ? `${Math.round(metres)} 米` : `${(metres / 1000).toFixed(1)} 公里`;
  return `约 ${distance}，${compass[Math.round(bearing / 45) % 8]}方向`;
}
