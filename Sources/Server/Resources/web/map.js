// The map of the UI on Debian's Leaflet (ES module). The basemap (天地图 in production) is the one
// `landwatch serve` was given; with none the map shows imagery and vector layers on a plain
// background, which is all the demo needs offline.
import * as L from '/vendor/leaflet/leaflet.esm.js';
import { api } from './api.js';
import { statusColours } from './format.js';

let mapSettings = null;

export function createMap(element) {
  const map = L.map(element, { attributionControl: false }).setView([23.2, 113.9], 11);
  L.control.scale({ imperial: false }).addTo(map);
  mapSettings ??= api('/api/map-settings').catch(() => ({ basemap: null }));
  mapSettings.then(({ basemap }) => { if (basemap) addBasemap(map, basemap); });
  return map;
}

/// The basemap's imagery and labels under everything else (Leaflet's tile pane, below the swipe's panes).
function addBasemap(map, basemap) {
  const options = { subdomains: basemap.subdomains, maxZoom: 20, maxNativeZoom: 18, zIndex: 0 };
  L.tileLayer(basemap.url, options).addTo(map);
  if (basemap.labelsUrl) L.tileLayer(basemap.labelsUrl, { ...options, zIndex: 1 }).addTo(map);
  if (basemap.attribution) L.control.attribution({ prefix: false }).addAttribution(basemap.attribution).addTo(map);
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

/// A tower camera's position, named beside it.
export function showCamera(map, camera) {
  return L.circleMarker([camera.lat, camera.lon], { radius: 7, color: '#0d3c61', fillColor: '#fff', fillOpacity: 1, weight: 3 })
    .bindTooltip(`${camera.id} ${camera.name}`, { permanent: true, direction: 'right' }).addTo(map);
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

/// 卷帘: the before image on the left, the after image on the right of a divider the user drags.
/// Both are XYZ layers in their own panes; the after pane is clipped (CSS clip, in layer coordinates
/// so it follows panning) at the divider.
export function addSwipe(map, before, after) {
  for (const [name, z] of [['before', 200], ['after', 201]]) {
    map.createPane(name).style.zIndex = z;
  }
  const options = { maxZoom: 20, maxNativeZoom: 18, tileSize: 256 };
  L.tileLayer(before.tiles, { ...options, pane: 'before' }).addTo(map);
  L.tileLayer(after.tiles, { ...options, pane: 'after' }).addTo(map);
  const container = map.getContainer();
  const divider = L.DomUtil.create('div', 'swipe-divider', container);
  const Swipe = L.Control.extend({
    onAdd() {
      const box = L.DomUtil.create('div', 'swipe-control');
      box.innerHTML = `<span>${before.phase.name} ${before.acquired ?? ''}</span><input type="range" min="0" max="100" value="50" aria-label="卷帘"><span>${after.phase.name} ${after.acquired ?? ''}</span>`;
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },
  });
  const control = new Swipe({ position: 'bottomright' }).addTo(map);
  const slider = control.getContainer().querySelector('input');
  const clip = () => {
    const size = map.getSize();
    const x = size.x * slider.value / 100;
    const nw = map.containerPointToLayerPoint([0, 0]);
    const se = map.containerPointToLayerPoint(size);
    const cut = map.containerPointToLayerPoint([x, 0]).x;
    map.getPane('after').style.clip = `rect(${nw.y}px, ${se.x}px, ${se.y}px, ${cut}px)`;
    map.getPane('before').style.clip = `rect(${nw.y}px, ${cut}px, ${se.y}px, ${nw.x}px)`;
    divider.style.left = `${x}px`;
  };
  slider.addEventListener('input', clip);
  map.on('move zoom resize', clip);
  clip();
  return slider;
}

/// Reference layers switch from rendered tiles to GeoJSON (crisp and cheap by then) at this zoom.
const vectorZoom = 14;

/// 参考图层: each workspace layer as a switchable overlay in the layer's colour: rendered PNG tiles while
/// the view is wide (the server draws the features with GDAL), GeoJSON for the view (by bbox and zoom)
/// from zoom 14 in.
export function addReferenceLayers(map, layers, fetchJSON) {
  map.createPane('references').style.zIndex = 350;
  const overlays = {};
  for (const layer of layers) {
    const vectors = L.geoJSON(null, { style: { color: layer.colour, weight: 1.5, fillOpacity: 0.12 }, interactive: false });
    const tiles = L.tileLayer(layer.tiles, { pane: 'references', minZoom: layer.minimumTileZoom, maxZoom: vectorZoom - 1 });
    const group = L.layerGroup([tiles, vectors]);
    group.layerID = layer.id;
    group.vectors = vectors;
    overlays[`${layer.kind.name} · ${layer.name}`] = group;
  }
  const refresh = async (group) => {
    if (!map.hasLayer(group)) return;
    if (map.getZoom() < vectorZoom) { group.vectors.clearLayers(); return; }
    const b = map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(6)).join(',');
    const collection = await fetchJSON(`/api/layers/${group.layerID}/features?bbox=${bbox}&zoom=${map.getZoom()}`);
    group.vectors.clearLayers();
    group.vectors.addData(collection);
  };
  L.control.layers(null, overlays, { collapsed: true }).addTo(map);
  map.on('overlayadd', (event) => refresh(event.layer));
  map.on('moveend', () => Object.values(overlays).forEach(refresh));
}
