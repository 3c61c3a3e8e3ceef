// LandWatch web UI: hash routes (#/, #/patches, #/patches/BATCH/CODE, #/login), one page module each.
import { currentSession, signOut } from './api.js';
import { escape } from './format.js';
import { renderLogin } from './pages/login.js';
import { renderDashboard } from './pages/dashboard.js';
import { renderPatchList } from './pages/patches.js';
import { renderPatchDetail } from './pages/patch.js';

const main = document.getElementById('main');
let user = null;

function showUser() {
  const who = document.getElementById('who');
  document.getElementById('nav').hidden = !user;
  if (!user) { who.textContent = ''; return; }
  who.innerHTML = `<span>${escape(user.displayName)}</span><span class="role">${escape(user.role.name)} · ${escape(user.jurisdiction)}</span>
    <button id="sign-out" class="link">退出</button>`;
  document.getElementById('sign-out').addEventListener('click', async () => {
    await signOut();
    user = null;
    location.hash = '#/login';
  });
}

async function route() {
  const path = location.hash.replace(/^#/, '') || '/';
  if (!user && path !== '/login') user = await currentSession();
  showUser();
  if (!user && path !== '/login') { location.hash = '#/login'; return; }
  main.replaceChildren();
  try {
    const detail = path.match(/^\/patches\/([^/]+)\/([^/]+)$/);
    if (path === '/login') {
      renderLogin(main, (signedIn) => { user = signedIn; location.hash = '#/'; });
    } else if (detail) {
      await renderPatchDetail(main, user, decodeURIComponent(detail[1]), decodeURIComponent(detail[2]));
    } else if (path.startsWith('/patches')) {
      await renderPatchList(main, user);
    } else {
      await renderDashboard(main, user);
    }
  } catch (error) {
    if (error.status === 401) { user = null; location.hash = '#/login'; return; }
    main.innerHTML = `<div class="error">${escape(error.message)}</div>`;
  }
}

window.addEventListener('hashchange', route);
route();
