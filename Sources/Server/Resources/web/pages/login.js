import { signIn } from '../api.js';
import { html, escape } from '../format.js';

export function renderLogin(main, onSignedIn) {
  const form = html(`
    <form class="card login" autocomplete="on">
      <h1>登录</h1>
      <label>用户名<input name="username" autocomplete="username" required autofocus></label>
      <label>密码<input name="password" type="password" autocomplete="current-password" required></label>
      <p class="error" hidden></p>
      <button type="submit">登录</button>
    </form>`);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = form.querySelector('.error');
    message.hidden = true;
    try {
      onSignedIn(await signIn(form.username.value.trim(), form.password.value));
    } catch (error) {
      message.innerHTML = escape(error.message);
      message.hidden = false;
    }
  });
  main.append(form);
}
