// 下载任务: the officer's open tasks (待核查 and 已退回 patches of the jurisdiction, which the server
// cuts to) with each patch's detail into IndexedDB, and the before/after imagery tiles around each
// patch into the Cache Storage the service worker answers tiles from.
import { api } from './api.js';
import { imagery, outbox, tasks } from './field-store.js';

/// The cache sw.js serves imagery tiles from (the same name is written there).
const tileCache = 'landwatch-tiles';
/// At most this many tiles are kept (about 10–30 KB each): enough for ~100 patches at zooms 15–18.
const tileLimit = 3000;
const zooms = [15, 16, 17, 18];
const pageSize = 500;

/// Downloads tasks, then tiles; `progress(text)` is told how far it got. Returns the counts.
export async function downloadTasks(user, progress) {
  progress('正在获取任务列表…');
  const items = [];
  for (const status of ['assigned', 'returned']) {
    for (let offset = 0; ; offset += pageSize) {
      const page = await api(`/api/patches?status=${status}&limit=${pageSize}&offset=${offset}`);
      items.push(...page.items);
      if (offset + page.items.length >= page.total || !page.items.length) break;
    }
  }
  const records = [];
  await inParallel(items, async (item) => {
    const detail = await api(`/api/patches/${encodeURIComponent(item.batch)}/${encodeURIComponent(item.code)}`);
    records.push({ officer: user.username, batch: item.batch, code: item.code, due: item.due, bbox: item.bbox, detail, downloadedAt: new Date().toISOString() });
    progress(`图斑详情：已下载 ${records.length} / ${items.length}`);
  });
  // The earliest due first: when the tile limit is reached, the later tasks go without imagery.
  records.sort((a, b) => (a.due || '9999').localeCompare(b.due || '9999') || a.code.localeCompare(b.code));
  // A task with a draft waiting in the outbox stays, even when the server no longer lists it as open.
  const drafts = new Set((await outbox.all(user.username)).map((d) => JSON.stringify([d.officer, d.batch, d.code])));
  await tasks.replace(user.username, records, (key) => drafts.has(JSON.stringify(key)));
  const images = [];
  for (const batch of new Set(items.map((i) => i.batch))) {
    images.push({ officer: user.username, batch, images: await api(`/api/imagery?batch=${encodeURIComponent(batch)}`) });
  }
  await imagery.replace(user.username, images);
  // Ask the browser not to evict the offline data under storage pressure (it may say no; nothing breaks).
  await navigator.storage?.persist?.();
  const tiles = await downloadTiles(records, images, progress);
  return { tasks: records.length, ...tiles };
}

/// Fetches the tiles around each patch into the tile cache, patch by patch until the limit, and drops
/// cached tiles no task needs any more. Tiles already cached are not fetched again.
async function downloadTiles(records, images, progress) {
  const imagesOf = Object.fromEntries(images.map((i) => [i.batch, i.images]));
  const wanted = new Set();
  let skipped = 0;
  for (const record of records) {
    const urls = tilesAround(record.bbox, imagesOf[record.batch] || []);
    if (wanted.size + urls.length > tileLimit) { skipped += 1; continue; }
    urls.forEach((url) => wanted.add(url));
  }
  const cache = await caches.open(tileCache);
  for (const request of await cache.keys()) {
    if (!wanted.has(new URL(request.url).pathname)) await cache.delete(request);
  }
  let done = 0, failed = 0;
  const report = () => progress(`影像切片：已下载 ${done - failed} / ${wanted.size}`
    + (failed ? `，${failed} 张失败（可再次下载补齐）` : '')
    + (skipped ? `。已达上限 ${tileLimit} 张，${skipped} 个图斑的影像未下载` : ''));
  report();
  await inParallel([...wanted], async (url) => {
    if (!(await cache.match(url))) {
      const response = await fetch(url, { credentials: 'same-origin' }).catch(() => null);
      // 204: the tile lies outside the image; kept too, so offline the map does not ask again.
      if (response?.status === 200 || response?.status === 204) await cache.put(url, response);
      else failed += 1;
    }
    done += 1;
    report();
  });
  return { tiles: wanted.size, failedTiles: failed, skippedPatches: skipped };
}

/// Runs `work` on every item, six at a time (as a browser does for one site).
async function inParallel(items, work) {
  const queue = [...items];
  await Promise.all(Array.from({ length: 6 }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

/// Tile paths of every image at every zoom over the patch's bbox widened by half its size (at least
/// ~100 m) each way, so the surroundings show too; only tiles that touch the image.
function tilesAround(bbox, images) {
  if (!bbox) return [];
  const [minX, minY, maxX, maxY] = bbox;
  const margin = Math.max((maxX - minX) / 2, (maxY - minY) / 2, 0.001);
  const urls = [];
  for (const image of images) {
    const [ix0, iy0, ix1, iy1] = image.bbox;
    const west = Math.max(minX - margin, ix0), east = Math.min(maxX + margin, ix1);
    const south = Math.max(minY - margin, iy0), north = Math.min(maxY + margin, iy1);
    if (west >= east || south >= north) continue;
    for (const z of zooms) {
      for (let x = tileX(west, z); x <= tileX(east, z); x += 1) {
        for (let y = tileY(north, z); y <= tileY(south, z); y += 1) {
          urls.push(image.tiles.replace('{z}', z).replace('{x}', x).replace('{y}', y));
        }
      }
    }
  }
  return urls;
}

// Web Mercator tile numbers (the XYZ scheme Leaflet asks for).
const tileX = (lon, z) => Math.floor((lon + 180) / 360 * 2 ** z);
function tileY(lat, z) {
  const phi = lat * Math.PI / 180;
  return Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * 2 ** z);
}
