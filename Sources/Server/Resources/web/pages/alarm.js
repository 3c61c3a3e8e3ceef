// 告警详情: the alarm's frame beside the preset's reference with the changed place boxed, its ground
// polygon on the map, the other alarms of its incident, and the decision: confirm (and make it a
// patch handed to the county) or dismiss with a reason.
import { api } from '../api.js';
import { html, escape, mu, squareMetres, dateTime } from '../format.js';
import { addReferenceLayers, createMap, showCamera, showOutline } from '../map.js';
import { submitForm } from '../forms.js';
import { dismissalReasons } from '../labels.js';
import { frameView } from '../frame-view.js';

export async function renderAlarm(main, user, code) {
  const path = `/api/alarms/${encodeURIComponent(code)}`;
  const [detail, cameras] = await Promise.all([api(path), api('/api/cameras')]);
  const alarm = detail.alarm;
  const camera = cameras.items.find((c) => c.id === alarm.camera);
  const reference = camera?.presets.find((p) => p.number === alarm.preset)?.referenceFrame;
  const page = html(`<section class="detail alarm-detail">
    <div class="toolbar"><a href="#/alarms">← 视频告警</a><h1>${escape(alarm.code)}</h1>
      <span class="alarm-status ${alarm.status.code}">${escape(alarm.status.name)}</span>
      ${alarm.duplicate ? `<span class="muted">重复告警，属事件 ${escape(alarm.incident)}</span>` : ''}</div>
    <div class="columns"><div class="pictures"></div><div class="side"></div></div></section>`);
  main.append(page);
  const boxes = detail.incidentAlarms.filter((a) => a.frame === alarm.frame && a.code !== alarm.code)
    .map((a) => ({ rect: a.view, kind: 'other', label: a.code })).concat([{ rect: alarm.view, kind: 'alarm', label: alarm.code }]);
  const frames = html('<div class="card frames"></div>');
  if (reference) frames.append(frameView(reference, '参考画面（预置位基准）', [{ rect: alarm.view, kind: 'alarm', label: alarm.code }]));
  frames.append(frameView(alarm.frame, `告警画面 ${dateTime(alarm.capturedAt)}`, boxes));
  page.querySelector('.pictures').append(frames, incidentTable(detail.incidentAlarms, alarm.code));
  const side = page.querySelector('.side');
  const reload = () => { main.replaceChildren(); return renderAlarm(main, user, code); };
  side.append(decision(alarm, detail, path, reload, user), facts(alarm, camera), html('<div id="map" class="map card alarm-map"></div>'));
  const map = createMap(side.querySelector('#map'));
  const outline = detail.ground ? showOutline(map, detail.ground, '#c62828') : null;
  if (camera) {
    const tower = showCamera(map, camera);
    map.fitBounds(outline ? outline.getBounds().extend(tower.getLatLng()) : tower.getLatLng().toBounds(500), { padding: [40, 40] });
  }
  addReferenceLayers(map, await api('/api/layers'), api);
}

function facts(alarm, camera) {
  return html(`<div class="card"><h2>告警信息</h2><dl class="pairs">
    <dt>摄像机</dt><dd>${escape(alarm.camera)} ${escape(camera?.name || '')}（塔高 ${camera ? camera.heightMetres : '—'} m）</dd>
    <dt>预置位</dt><dd>${alarm.preset}</dd><dt>拍摄时间</dt><dd>${escape(dateTime(alarm.capturedAt))}</dd>
    <dt>画面位置</dt><dd>[${alarm.view.map((v) => Math.round(v)).join(', ')}] 像素</dd>
    <dt>地面面积</dt><dd>${alarm.area ? `${mu(alarm.area)} 亩 · ${squareMetres(alarm.area)} m²（CGCS2000 椭球面积）` : '预置位未标定控制点，无地面范围'}</dd>
    <dt>事件</dt><dd>${escape(alarm.incident)}</dd></dl></div>`);
}

function incidentTable(alarms, current) {
  return html(`<div class="card scroll"><h2>同一事件的告警（${alarms.length} 条）</h2><table class="grid"><thead><tr><th>告警编号</th><th>预置位</th>
    <th>拍摄时间</th><th>面积（亩）</th><th></th></tr></thead><tbody>${alarms.map((a) => `<tr${a.code === current ? ' class="current"' : ''}>
    <td><a href="#/alarms/${encodeURIComponent(a.code)}">${escape(a.code)}</a></td><td>${escape(a.camera)} · ${a.preset}</td>
    <td>${escape(dateTime(a.capturedAt))}</td><td class="number">${a.area ? mu(a.area) : '—'}</td><td>${a.duplicate ? '重复' : '首次'}</td></tr>`).join('')}
    </tbody></table></div>`);
}

/// The decision form while the incident is new; afterwards the decision, and the patch made of it
/// (or the form to make one).
function decision(alarm, detail, path, reload, user) {
  if (alarm.status.code === 'new') {
    if (!user.permissions.includes('watch-cameras')) return html('<div class="card"><p class="muted">待视频值守人员处置</p></div>');
    const form = html(`<form class="card step decide"><h2>处置（整个事件）</h2>
      <fieldset><legend>确认为地物变化</legend>
        ${detail.ground ? `<label class="check"><input type="checkbox" name="makePatch" checked> 转为图斑，下发县级核查</label>
        <label>核查期限（天）<input name="dueInDays" type="number" min="1" max="365" value="7"></label>` : ''}
      </fieldset>
      <fieldset><legend>排除（误报）</legend>
        <label>原因<select name="reason">${dismissalReasons.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></label>
        <label class="check"><input type="checkbox" name="maskPlace"> 同时屏蔽该区域，以后不再判定（如露天茶座、集市摊位）</label>
      </fieldset>
      <label>说明<textarea name="note" rows="2"></textarea></label>
      <p class="error" hidden></p>
      <div class="buttons"><button type="submit" name="status" value="confirmed">确认</button>
        <button type="submit" name="status" value="dismissed" class="secondary">排除（误报）</button></div></form>`);
    form.addEventListener('submit', (event) => submitForm(event, form, reload, (submitter) => {
      const confirmed = submitter.value === 'confirmed';
      const body = confirmed
        ? { status: 'confirmed', note: form.note.value, makePatch: form.makePatch?.checked ?? false, dueInDays: Number(form.dueInDays?.value || 7) }
        : { status: 'dismissed', reason: form.reason.value, note: form.note.value, maskPlace: form.maskPlace.checked };
      return api(`${path}/decision`, { method: 'POST', body });
    }));
    return form;
  }
  const d = alarm.decision;
  const box = html(`<div class="card"><h2>处置结果：${escape(alarm.status.name)}${d?.reason ? ` · ${escape(d.reason.name)}` : ''}</h2>
    <p>${escape(d?.by || '')} ${d ? escape(dateTime(d.at)) : ''}${d?.note ? `：${escape(d.note)}` : ''}</p>
    ${detail.patch ? `<p class="made-patch">已转为图斑 <a href="#/patches/${encodeURIComponent(detail.patch.batch)}/${encodeURIComponent(detail.patch.code)}">${escape(detail.patch.batch)} / ${escape(detail.patch.code)}</a></p>` : ''}
  </div>`);
  if (alarm.status.code === 'confirmed' && !detail.patch && detail.ground && user.permissions.includes('watch-cameras')) {
    const form = html(`<form class="inline-form make-patch"><label>核查期限（天）<input name="dueInDays" type="number" min="1" max="365" value="7"></label>
      <p class="error" hidden></p><button type="submit">转为图斑，下发县级核查</button></form>`);
    form.addEventListener('submit', (event) => submitForm(event, form, reload, () =>
      api(`${path}/patch`, { method: 'POST', body: { dueInDays: Number(form.dueInDays.value) } })));
    box.append(form);
  }
  return box;
}
