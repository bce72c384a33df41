// Where the access token lives: sessionStorage, so it is gone when the tab closes and is
// never sent anywhere on its own (unlike a cookie). A separate module so that api.js and
// session.js can both use it without importing each other.

const KEY = 'boxoffice.token';

export function getToken() {
	return sessionStorage.getItem(KEY);
}

export function setToken(token) {
	sessionStorage.setItem(KEY, token);
}

export function clearToken() {
	sessionStorage.removeItem(KEY);
}
