// 工作台: the statistics of the jurisdiction for a batch, with a bar chart of 违法占用耕地面积比例
// per county against the 15% line, and the monthly trend of verification, cases and rectification.
import { api } from '../api.js';
import { html, escape, mu, percent, yuan } from '../format.js';

export async function renderDashboard(main, user) {
  const batches = await api('/api/batches');
  const page = html(`<section class="dashboard"><div class="toolbar"><h1>工作台</h1>
      <label>批次 <select id="batch">${batches.map((b) => `<option value="${escape(b.code)}">${escape(b.name)}（${escape(b.code)}）</option>`).join('')}</select></label>
      <label>截至 <input id="as-of" type="date"></label></div>
      <div id="stats"></div>
      <figure class="card trend"><figcaption>月度趋势
        <label>截至 <input id="to" type="month"></label>
        <label>近 <select id="months">${[6, 12, 24, 36].map((n) => `<option${n === 12 ? ' selected' : ''}>${n}</option>`).join('')}</select> 个月</label></figcaption>
        <div id="trend"></div></figure></section>`);
  main.append(page);
  if (!batches.length) { page.querySelector('#stats').textContent = '还没有导入图斑批次。'; return; }
  if (!user.permissions.includes('view-statistics')) {
    const start = user.permissions.includes('watch-cameras') ? '<a href="#/alarms">视频告警</a>' : '<a href="#/patches">图斑</a>';
    page.querySelector('#stats').innerHTML = `<p class="muted">您的角色不查看统计，请从「${start}」开始工作。</p>`;
    return;
  }
  const asOf = page.querySelector('#as-of');
  asOf.value = new Date().toISOString().slice(0, 10);
  const load = async () => {
    const batch = page.querySelector('#batch').value;
    const stats = await api(`/api/statistics?batch=${encodeURIComponent(batch)}&asOf=${asOf.value}`);
    renderStatistics(page.querySelector('#stats'), stats);
  };
  // The trend ends by default at the latest month with any activity: a batch worked last year still shows.
  const to = page.querySelector('#to'), months = page.querySelector('#months');
  const loadTrend = async () => {
    const trend = await api(`/api/statistics/trend?months=${months.value}${to.value ? `&to=${to.value}` : ''}`);
    to.value = trend.months[trend.months.length - 1].month;
    page.querySelector('#trend').replaceChildren(trendChart(trend.months));
  };
  const showError = (error) => { page.querySelector('#trend').textContent = error.message; };
  page.querySelector('#batch').addEventListener('change', load);
  asOf.addEventListener('change', load);
  to.addEventListener('change', () => loadTrend().catch(showError));
  months.addEventListener('change', () => loadTrend().catch(showError));
  await Promise.all([load(), loadTrend().catch(showError)]);
}

const series = [['verified', '外业核查（图斑）', 'line-verified'], ['casesFiled', '立案（件）', 'line-filed'], ['rectified', '整改到位（图斑）', 'line-rectified']];

/// One small chart per series, each on its own scale: a few cases a month stay readable next to
/// thousands of verifications.
function trendChart(months) {
  const box = html('<div class="small-multiples"></div>');
  for (const [key, label, css] of series) box.append(seriesChart(months, key, label, css));
  return box;
}

function seriesChart(months, key, label, css) {
  const width = 360, height = 170, left = 40, right = 12, top = 12, bottom = 26;
  const max = Math.max(1, ...months.map((m) => m[key]));
  const step = months.length > 1 ? (width - left - right) / (months.length - 1) : 0;
  const x = (i) => left + i * step;
  const y = (value) => top + (height - top - bottom) * (1 - value / max);
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  const labelEvery = Math.ceil(months.length / 6);
  return html(`<div><div class="legend"><span class="${css}">${escape(label)}，合计 ${months.reduce((sum, m) => sum + m[key], 0)}</span></div>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(label)}">
      ${ticks.map((t) => `<line class="grid-line" x1="${left}" x2="${width - right}" y1="${y(t)}" y2="${y(t)}"></line><text x="${left - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`).join('')}
      ${months.map((m, i) => i % labelEvery ? '' : `<text x="${x(i)}" y="${height - 6}" text-anchor="middle">${m.month.slice(2).replace('-', '.')}</text>`).join('')}
      <polyline class="${css}" points="${months.map((m, i) => `${x(i)},${y(m[key])}`).join(' ')}"></polyline>
      ${months.map((m, i) => `<circle class="${css}" cx="${x(i)}" cy="${y(m[key])}" r="3"><title>${m.month}：${m[key]}</title></circle>`).join('')}</svg></div>`);
}

function renderStatistics(container, stats) {
  const counties = stats.rows.filter((row) => row.level === 'county');
  const top = stats.rows[stats.rows.length - 1];
  container.replaceChildren(
    html(`<div class="tiles">
      ${tile('图斑', `${top.patchCount} 个`, `${mu(top.area)} 亩`)}
      ${tile('违法', `${top.illegal.count} 个`, `${mu(top.illegal.area)} 亩，其中耕地 ${mu(top.illegal.cultivatedArea)} 亩`)}
      ${tile('违法占用耕地比例', percent(top.illegalFarmlandRatio), top.exceedsIllegalFarmlandLine ? '⚠ 达到 15% 问责线' : '低于 15% 问责线', top.exceedsIllegalFarmlandLine)}
      ${tile('按期核查（月清）', percent(top.onTimeRate), `立案率 ${percent(top.caseFilingRate)}，整改率 ${percent(top.rectificationRate)}`)}
    </div>`),
    chart(counties, stats.illegalFarmlandLine),
    table(stats.rows),
  );
  if (stats.concealment.length) container.append(concealment(stats.concealment));
}

const tile = (title, value, note, alarm = false) =>
  `<div class="tile${alarm ? ' alarm' : ''}"><div class="tile-title">${escape(title)}</div><div class="tile-value">${escape(value)}</div><div class="tile-note">${escape(note)}</div></div>`;

function chart(rows, line) {
  const width = 640, barHeight = 28, left = 110, height = rows.length * (barHeight + 10) + 40;
  const max = Math.max(line * 1.5, ...rows.map((r) => r.illegalFarmlandRatio ?? 0));
  const x = (value) => left + (width - left - 70) * value / max;
  const bars = rows.map((row, i) => {
    const y = 20 + i * (barHeight + 10), value = row.illegalFarmlandRatio ?? 0;
    return `<text x="${left - 8}" y="${y + 19}" text-anchor="end">${escape(row.name)}</text>
      <rect x="${left}" y="${y}" width="${x(value) - left}" height="${barHeight}" class="${row.exceedsIllegalFarmlandLine ? 'bar alarm' : 'bar'}"></rect>
      <text x="${x(value) + 6}" y="${y + 19}">${percent(row.illegalFarmlandRatio)}</text>`;
  }).join('');
  return html(`<figure class="card"><figcaption>违法占用耕地面积比例（按县）· 红线为 ${percent(line)} 问责线</figcaption>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="违法占用耕地面积比例">${bars}
      <line x1="${x(line)}" x2="${x(line)}" y1="10" y2="${height - 10}" class="threshold"></line>
      <text x="${x(line) + 4}" y="${height - 12}" class="threshold-label">15%</text></svg></figure>`);
}

function table(rows) {
  return html(`<div class="card scroll"><table class="grid">
    <thead><tr><th>地区</th><th>图斑（个/亩）</th><th>合法</th><th>违法</th><th>其他</th><th>未办结</th><th>占耕比例</th><th>按期核查</th><th>立案率</th><th>整改率</th><th>罚款/已缴（元）</th></tr></thead>
    <tbody>${rows.map((r) => `<tr class="${r.level}${r.exceedsIllegalFarmlandLine ? ' alarm' : ''}">
      <td>${escape(r.name)}</td><td>${r.patchCount} / ${mu(r.area)}</td>
      <td>${r.legal.count} / ${mu(r.legal.area)}</td><td>${r.illegal.count} / ${mu(r.illegal.area)}</td>
      <td>${r.other.count} / ${mu(r.other.area)}</td><td>${r.pending.count}</td>
      <td>${percent(r.illegalFarmlandRatio)}</td><td>${percent(r.onTimeRate)}</td><td>${percent(r.caseFilingRate)}</td>
      <td>${percent(r.rectificationRate)}</td><td>${yuan(r.finesImposed)} / ${yuan(r.finesCollected)}</td></tr>`).join('')}</tbody></table></div>`);
}

function concealment(rates) {
  return html(`<div class="card"><h2>瞒报率（省级抽样复核）</h2><table class="grid">
    <thead><tr><th>市</th><th>已复核</th><th>瞒报</th><th>瞒报率（个数）</th><th>瞒报率（面积）</th></tr></thead>
    <tbody>${rates.map((r) => `<tr class="${r.flagged ? 'alarm' : ''}"><td>${escape(r.name)}</td><td>${r.judged}</td><td>${r.concealed}</td>
      <td>${percent(r.rateByCount)}</td><td>${percent(r.rateByArea)}</td></tr>`).join('')}</tbody></table></div>`);
}
