// LandWatch web UI: hash routes (#/, #/patches, #/patches/BATCH/CODE, #/cases, #/cases/NUMBER, #/problems,
// #/problems/NUMBER, #/audit, #/alarms, #/alarms/CODE, #/field, #/field/BATCH/CODE, #/login), one page module each.
import { currentSession, signOut } from './api.js';
import { escape } from './format.js';
import { renderLogin } from './pages/login.js';
import { renderDashboard } from './pages/dashboard.js';
import { renderPatchList } from './pages/patches.js';
import { renderPatchDetail } from './pages/patch.js';
import { renderCases } from './pages/cases.js';
import { renderCase } from './pages/case.js';
import { renderProblems } from './pages/problems.js';
import { renderProblem } from './pages/problem.js';
import { renderAudit } from './pages/audit.js';
import { renderAlarms } from './pages/alarms.js';
import { renderAlarm } from './pages/alarm.js';
import { renderField } from './pages/field.js';
import { renderFieldPatch } from './pages/field-patch.js';
import { recalledUser, rememberUser } from './offline-user.js';

const main = document.getElementById('main');
let user = null;

function showUser() {
  const who = document.getElementById('who');
  document.getElementById('nav').hidden = !user;
  document.querySelectorAll('#nav [data-permission]').forEach((link) => { link.hidden = !user?.permissions.includes(link.dataset.permission); });
  if (!user) { who.textContent = ''; return; }
  who.innerHTML = `<span>${escape(user.displayName)}</span><span class="role">${escape(user.role.name)} · ${escape(user.jurisdiction)}</span>
    <button id="sign-out" class="link">退出</button>`;
  document.getElementById('sign-out').addEventListener('click', async () => {
    rememberUser(null);
    // Offline the server's session cannot be ended now; it expires by itself.
    await signOut().catch((error) => { if (error.status !== 0) throw error; });
    user = null;
    location.hash = '#/login';
  });
}

/// Who the server says is signed in; offline, the user it said last time, so the field app starts
/// without a network (its requests still need the session cookie once online).
async function signedInUser() {
  try {
    const current = await currentSession();
    rememberUser(current);
    return current;
  } catch (error) {
    if (error.status === 0) return recalledUser();
    throw error;
  }
}

async function route() {
  const path = location.hash.replace(/^#/, '') || '/';
  const signingIn = path === '/login' || path.startsWith('/login?');
  if (!user && !signingIn) user = await signedInUser();
  showUser();
  // After signing in, the user lands where they were going (#/login?then=/field).
  if (!user && !signingIn) { location.hash = path === '/' ? '#/login' : `#/login?then=${encodeURIComponent(path)}`; return; }
  main.replaceChildren();
  try {
    const detail = path.match(/^\/patches\/([^/]+)\/([^/]+)$/);
    const field = path.match(/^\/field(?:\/([^/]+)\/([^/]+))?$/);
    const record = path.match(/^\/(cases|problems)\/([^/?]+)$/);
    const alarm = path.match(/^\/alarms\/([^/?]+)$/);
    if (signingIn) {
      const then = new URLSearchParams(path.split('?')[1]).get('then') || '/';
      renderLogin(main, (signedIn) => {
        user = signedIn;
        rememberUser(user);
        location.hash = `#${then.startsWith('/') ? then : '/'}`;
      });
    } else if (field?.[1]) {
      await renderFieldPatch(main, user, decodeURIComponent(field[1]), decodeURIComponent(field[2]));
    } else if (field) {
      await renderField(main, user);
    } else if (record) {
      await (record[1] === 'cases' ? renderCase : renderProblem)(main, user, decodeURIComponent(record[2]));
    } else if (path.startsWith('/cases')) {
      await renderCases(main, user);
    } else if (path.startsWith('/problems')) {
      await renderProblems(main, user);
    } else if (alarm) {
      await renderAlarm(main, user, decodeURIComponent(alarm[1]));
    } else if (path.startsWith('/alarms')) {
      await renderAlarms(main, user);
    } else if (path.startsWith('/audit')) {
      await renderAudit(main, user);
    } else if (detail) {
      await renderPatchDetail(main, user, decodeURIComponent(detail[1]), decodeURIComponent(detail[2]));
    } else if (path.startsWith('/patches')) {
      await renderPatchList(main, user);
    } else {
      await renderDashboard(main, user);
    }
  } catch (error) {
    if (error.status === 401) { user = null; rememberUser(null); location.hash = '#/login'; return; }
    main.innerHTML = error.status === 0
      ? `<div class="error">离线，无法加载此页。${user.permissions.includes('verify') ? '<a href="#/field">外业核查</a>可离线使用。' : ''}</div>`
      : `<div class="error">${escape(error.message)}</div>`;
  }
}

window.addEventListener('hashchange', route);
route();

// The service worker keeps the app shell and the downloaded imagery for offline field work (sw.js).
// Browsers allow it over HTTPS and on localhost only; elsewhere the site works online as before.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch((error) => console.warn('service worker not registered', error));
}
