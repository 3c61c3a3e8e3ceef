// The JSON API as the pages use it: the session cookie travels by itself; every change sends the
// CSRF token the server gave at sign-in. Errors come back as {error: {code, message}}.

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(path, { method = 'GET', body, raw, contentType } = {}) {
  const headers = {};
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let payload;
  if (raw !== undefined) {
    payload = raw;
    headers['Content-Type'] = contentType;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    // No answer at all (offline, server gone): status 0 lets pages tell it apart from a refusal.
    throw new ApiError(0, 'offline', '网络不可用（离线），无法连接服务器 / offline');
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = data.error || {};
    throw new ApiError(response.status, error.code || 'http', error.message || `请求失败 ${response.status}`);
  }
  return data;
}

export async function currentSession() {
  try {
    const session = await api('/api/session');
    csrfToken = session.csrfToken || null;
    return session.user;
  } catch (error) {
    if (error.status === 401) return null;
    throw error;
  }
}

export async function signIn(username, password) {
  const session = await api('/api/session', { method: 'POST', body: { username, password } });
  csrfToken = session.csrfToken;
  return session.user;
}

export async function signOut() {
  await api('/api/session', { method: 'DELETE' });
  csrfToken = null;
}
