// The signed-in user as the server last confirmed it, kept in localStorage so the field app can start
// offline (no session check is possible then). Not a credential: every request still needs the session
// cookie, and the server decides.
const key = 'landwatch.user';

export function rememberUser(user) {
  if (user) localStorage.setItem(key, JSON.stringify(user));
  else localStorage.removeItem(key);
}

export function recalledUser() {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}
