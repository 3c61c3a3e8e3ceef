// The map of the UI on Debian's Leaflet (ES module). With no basemap configured the map shows the
// patches alone on a plain background, which is all the demo needs offline.
import * as L from '/vendor/leaflet/leaflet.esm.js';
import { statusColours } from './format.js';

export function createMap(element) {
  const map = L.map(element, { attributionControl: false }).setView([23.2, 113.9], 11);
  L.control.scale({ imperial: false }).addTo(map);
  return map;
}

/// Draws list rows as their envelopes, coloured by status; `open` is called with the clicked row.
export function showEnvelopes(map, layer, items, open) {
  layer?.remove();
  const group = L.featureGroup();
  for (const item of items) {
    if (!item.bbox) continue;
    const [minX, minY, maxX, maxY] = item.bbox;
    L.rectangle([[minY, minX], [maxY, maxX]], { color: statusColours[item.status.code], weight: 2, fillOpacity: 0.35 })
      .bindTooltip(`${item.code} · ${item.status.name}`)
      .on('click', () => open(item))
      .addTo(group);
  }
  group.addTo(map);
  if (group.getLayers().length) map.fitBounds(group.getBounds(), { maxZoom: 16, padding: [20, 20] });
  return group;
}

export function showOutline(map, geometry, colour) {
  const outline = L.geoJSON(geometry, { style: { color: colour, weight: 3, fillOpacity: 0.2 } }).addTo(map);
  map.fitBounds(outline.getBounds(), { maxZoom: 18, padding: [30, 30] });
  return outline;
}

/// A photo's position with its direction as a short line, and a popup with the picture.
export function showPhoto(map, photo, url) {
  if (photo.position == null) return;
  const at = [photo.position.y, photo.position.x];
  const marker = L.circleMarker(at, { radius: 6, color: photo.distanceToPatchMetres > 100 ? '#eb5757' : '#2f80ed' })
    .bindPopup(`<img src="${url}" alt="现场照片" class="popup-photo">`).addTo(map);
  if (photo.directionDegrees != null) {
    const radians = photo.directionDegrees * Math.PI / 180, length = 0.0003;
    L.polyline([at, [at[0] + length * Math.cos(radians), at[1] + length * Math.sin(radians)]], { color: marker.options.color }).addTo(map);
  }
}
