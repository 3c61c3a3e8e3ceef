// 图斑列表: filters, a page of rows and the map side by side; the filters live in the URL so a list can be shared.
import { api } from '../api.js';
import { html, escape, mu } from '../format.js';
import { addReferenceLayers, createMap, showEnvelopes } from '../map.js';

const statuses = [['', '全部状态'], ['unassigned', '待下发'], ['assigned', '待核查'], ['verified', '已核查'], ['submitted', '待审核'], ['returned', '已退回'], ['approved', '已审核']];
const categories = [['', '全部类别'], ['legal', '合法'], ['illegal', '违法'], ['other', '其他']];
const verdicts = [['', '全部预判'], ['suspectedIllegal', '疑似违法'], ['suspectedLegal', '疑似合法'], ['needsReview', '待核查']];
const priorities = [['', '全部优先级'], ['high', '高'], ['medium', '中'], ['low', '低']];
const audits = [['', '省级抽样：全部'], ['pending', '抽中待复核'], ['judged', '已复核']];
const pageSize = 50;

const options = (list, selected) => list.map(([value, label]) =>
  `<option value="${value}"${value === selected ? ' selected' : ''}>${label}</option>`).join('');

export async function renderPatchList(main, user) {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const [batches, regions] = await Promise.all([api('/api/batches'), api('/api/regions')]);
  const page = html(`<section class="patches">
    <form class="toolbar filters">
      <select name="batch"><option value="">全部批次</option>${batches.map((b) => `<option value="${escape(b.code)}"${b.code === query.get('batch') ? ' selected' : ''}>${escape(b.code)}</option>`).join('')}</select>
      <select name="region"><option value="">全部地区</option>${regions.map((r) => `<option value="${escape(r.code)}"${r.code === query.get('region') ? ' selected' : ''}>${escape(r.name)}</option>`).join('')}</select>
      <select name="status">${options(statuses, query.get('status') || '')}</select>
      <select name="category">${options(categories, query.get('category') || '')}</select>
      <select name="verdict">${options(verdicts, query.get('verdict') || '')}</select>
      <select name="priority">${options(priorities, query.get('priority') || '')}</select>
      <select name="audit">${options(audits, query.get('audit') || '')}</select>
      <span id="count" class="muted"></span>
      <a id="package" hidden download>下载离线任务包（GeoPackage）</a>
    </form>
    <div class="split"><div class="list card scroll"><table class="grid rows"><thead><tr>
      <th>图斑编号</th><th>县区</th><th>面积（亩）</th><th>预判</th><th>状态</th><th>类别</th><th>期限</th></tr></thead><tbody></tbody></table>
      <div class="pager"><button type="button" data-step="-1">上一页</button><span id="page"></span><button type="button" data-step="1">下一页</button></div></div>
      <div id="map" class="map card"></div></div></section>`);
  main.append(page);
  const names = Object.fromEntries(regions.map((r) => [r.code, r.name]));
  const map = createMap(page.querySelector('#map'));
  addReferenceLayers(map, await api('/api/layers'), api);
  let layer = null;
  let offset = Number(query.get('offset') || 0);
  const form = page.querySelector('form');
  const open = (item) => { location.hash = `#/patches/${encodeURIComponent(item.batch)}/${encodeURIComponent(item.code)}`; };

  const load = async () => {
    const filters = new URLSearchParams([...new FormData(form)].filter(([, value]) => value));
    history.replaceState(null, '', `#/patches?${filters}${offset ? `&offset=${offset}` : ''}`);
    const packageLink = page.querySelector('#package');
    packageLink.hidden = !(user.permissions.includes('verify') && filters.get('batch'));
    packageLink.href = `/api/offline-package?batch=${encodeURIComponent(filters.get('batch') || '')}`;
    filters.set('limit', pageSize);
    filters.set('offset', offset);
    const result = await api(`/api/patches?${filters}`);
    page.querySelector('tbody').replaceChildren(...result.items.map((item) => {
      const row = html(`<table><tr data-status="${item.status.code}">
        <td>${escape(item.code)}</td><td>${escape(names[item.county] || item.county || '—')}</td><td class="number">${mu(item.area)}</td>
        <td class="${item.priority?.code === 'high' ? 'hot' : ''}">${escape(item.verdict?.name || '—')}</td>
        <td><span class="status ${item.status.code}">${escape(item.status.name)}</span></td>
        <td>${escape(item.category?.name || '—')}</td><td>${escape(item.due || '—')}</td></tr></table>`).querySelector('tr');
      row.addEventListener('click', () => open(item));
      return row;
    }));
    page.querySelector('#count').textContent = `共 ${result.total}${result.totalCapped ? '+' : ''} 个图斑`;
    page.querySelector('#page').textContent = result.total ? `${offset + 1}–${offset + result.items.length}` : '无';
    page.querySelector('[data-step="-1"]').disabled = offset === 0;
    page.querySelector('[data-step="1"]').disabled = offset + result.items.length >= result.total;
    layer = showEnvelopes(map, layer, result.items, open);
  };
  form.addEventListener('change', () => { offset = 0; load(); });
  page.querySelectorAll('.pager button').forEach((button) => button.addEventListener('click', () => {
    offset = Math.max(0, offset + Number(button.dataset.step) * pageSize);
    load();
  }));
  await load();
}
