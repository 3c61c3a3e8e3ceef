// 督察问题详情: the problem, its measures with evidence and acceptance, 销号, and its history.
import { api } from '../api.js';
import { html, escape, mu } from '../format.js';
import { rectificationCard, historyCard, closingForm } from '../rectification.js';

const actions = {
  'problem.hand-down': '下发', 'problem.rectification-evidence': '提交整改佐证', 'problem.rectification-accept': '整改验收通过',
  'problem.rectification-reject': '整改验收不通过', 'problem.close': '销号',
};

export async function renderProblem(main, user, number) {
  const path = `/api/problems/${encodeURIComponent(number)}`;
  const [problem, regions] = await Promise.all([api(path), api('/api/regions')]);
  const names = Object.fromEntries(regions.map((r) => [r.code, r.name]));
  const reload = () => { main.replaceChildren(); return renderProblem(main, user, number); };
  const page = html(`<section class="detail problem"><div class="toolbar"><a href="#/problems">← 督察问题</a><h1>${escape(problem.number)}</h1>
    <span class="case-status ${problem.closedOn ? 'closed' : problem.overdue ? 'overdue' : 'filed'}">${problem.closedOn ? '已销号' : problem.overdue ? '逾期' : '整改中'}</span>
    <span class="muted">版本 ${problem.version}</span></div>
    <div class="columns"><div class="main-column"></div><div class="side-column"></div></div></section>`);
  main.append(page);
  const column = page.querySelector('.main-column');
  column.append(html(`<div class="card"><h2>${escape(problem.title)}</h2><dl class="pairs">
    <dt>督察类型</dt><dd>${escape(problem.kind.name)}</dd><dt>地区</dt><dd>${escape(names[problem.region] || problem.region)}</dd>
    <dt>下发日期</dt><dd>${escape(problem.handedDownOn)}</dd>
    <dt>面积</dt><dd>${mu(problem.area)} 亩，其中耕地 ${mu(problem.cultivatedArea)} 亩</dd>
    ${problem.closedOn ? `<dt>销号日期</dt><dd>${escape(problem.closedOn)}</dd>` : ''}</dl></div>`));
  column.append(rectificationCard(user, problem, path, 'manage-problems', reload));
  if (!problem.closedOn && user.permissions.includes('manage-problems')) {
    column.append(closingForm(problem, path, reload, '销号', '整改措施须全部验收通过。'));
  }
  page.querySelector('.side-column').append(historyCard(problem, actions));
}
