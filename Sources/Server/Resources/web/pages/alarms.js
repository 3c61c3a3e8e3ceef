// 视频告警: the tower-camera alarms of the caller's jurisdiction (the 待处理 queue first), filtered by
// status and camera, with the metrics per camera: false-alarm rate, duplicate rate, time to confirm.
import { api } from '../api.js';
import { html, escape, mu, percent, dateTime } from '../format.js';
import { alarmStatuses } from '../labels.js';

export async function renderAlarms(main) {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const status = query.has('status') ? query.get('status') : 'new';
  const camera = query.get('camera') || '';
  const asked = new URLSearchParams({ limit: '500' });
  if (status) asked.set('status', status);
  if (camera) asked.set('camera', camera);
  const [list, cameras, metrics] = await Promise.all([api(`/api/alarms?${asked}`), api('/api/cameras'), api('/api/alarm-metrics')]);
  const names = Object.fromEntries(cameras.items.map((c) => [c.id, c.name]));
  const page = html(`<section class="alarms"><div class="toolbar"><h1>视频告警</h1>
      <label>状态 <select name="status">${alarmStatuses.map(([v, l]) => `<option value="${v}"${v === status ? ' selected' : ''}>${l}</option>`).join('')}</select></label>
      <label>摄像机 <select name="camera"><option value="">全部</option>${cameras.items.map((c) =>
        `<option value="${escape(c.id)}"${c.id === camera ? ' selected' : ''}>${escape(c.id)} ${escape(c.name)}</option>`).join('')}</select></label>
      <span id="alarm-count" class="muted">共 ${list.items.length} 条</span></div>
    ${tiles(metrics.byCounty)}
    <div class="card scroll"><table class="grid rows alarm-list"><thead><tr><th>告警编号</th><th>摄像机 · 预置位</th><th>拍摄时间</th>
      <th>面积（亩）</th><th>事件</th><th>状态</th></tr></thead><tbody></tbody></table></div>
    <div class="card scroll"><h2>按摄像机统计</h2>${metricsTable(metrics.byCamera)}</div></section>`);
  main.append(page);
  const body = page.querySelector('tbody');
  body.replaceChildren(...list.items.map((a) => {
    const row = html(`<table><tr${a.duplicate ? ' class="duplicate"' : ''}><td>${escape(a.code)}</td>
      <td>${escape(a.camera)} ${escape(names[a.camera] || '')} · ${a.preset}</td><td>${escape(dateTime(a.capturedAt))}</td>
      <td class="number">${a.area ? mu(a.area) : '—'}</td><td>${a.duplicate ? `重复，属 ${escape(a.incident)}` : '新事件'}</td>
      <td><span class="alarm-status ${a.status.code}">${escape(a.status.name)}</span>${a.decision?.reason ? ` ${escape(a.decision.reason.name)}` : ''}</td></tr></table>`).querySelector('tr');
    row.addEventListener('click', () => { location.hash = `#/alarms/${encodeURIComponent(a.code)}`; });
    return row;
  }));
  if (!list.items.length) body.append(html(`<table><tr><td colspan="6" class="muted">${status === 'new' ? '没有待处理的告警' : '没有告警'}</td></tr></table>`).querySelector('tr'));
  for (const name of ['status', 'camera']) {
    page.querySelector(`select[name=${name}]`).addEventListener('change', () => {
      const next = new URLSearchParams({ status: page.querySelector('select[name=status]').value });
      const chosen = page.querySelector('select[name=camera]').value;
      if (chosen) next.set('camera', chosen);
      location.hash = `#/alarms?${next}`;
    });
  }
}

/// The jurisdiction's totals: incidents waiting, false-alarm rate and duplicate rate.
function tiles(counties) {
  const sum = (key) => counties.reduce((total, c) => total + c[key], 0);
  const decided = sum('confirmed') + sum('dismissed'), alarms = sum('alarms');
  return `<div class="tiles">
    <div class="tile${sum('pending') ? ' alarm' : ''}"><div class="tile-title">待处理事件</div><div class="tile-value">${sum('pending')}</div>
      <div class="tile-note">共 ${sum('incidents')} 个事件，${alarms} 条告警</div></div>
    <div class="tile"><div class="tile-title">误报率</div><div class="tile-value">${decided ? percent(sum('dismissed') / decided) : '—'}</div>
      <div class="tile-note">已处置事件中排除的比例（确认 ${sum('confirmed')}，排除 ${sum('dismissed')}）</div></div>
    <div class="tile"><div class="tile-title">重复告警率</div><div class="tile-value">${alarms ? percent(sum('duplicates') / alarms) : '—'}</div>
      <div class="tile-note">同一地点重复告警 ${sum('duplicates')} 条，已并入事件</div></div></div>`;
}

function metricsTable(byCamera) {
  if (!byCamera.length) return '<p class="muted">还没有告警</p>';
  return `<table class="grid"><thead><tr><th>摄像机</th><th>告警</th><th>重复</th><th>事件</th><th>确认</th><th>排除</th><th>待处理</th>
    <th>误报率</th><th>重复率</th><th>确认用时中位数（小时）</th></tr></thead><tbody>${byCamera.map((m) => `<tr><td>${escape(m.key)} ${escape(m.name || '')}</td>
    <td class="number">${m.alarms}</td><td class="number">${m.duplicates}</td><td class="number">${m.incidents}</td><td class="number">${m.confirmed}</td>
    <td class="number">${m.dismissed}</td><td class="number">${m.pending}</td><td class="number">${percent(m.falseAlarmRate)}</td>
    <td class="number">${percent(m.duplicateRate)}</td><td class="number">${m.medianHoursToConfirm == null ? '—' : m.medianHoursToConfirm.toFixed(1)}</td></tr>`).join('')}
    </tbody></table>`;
}
