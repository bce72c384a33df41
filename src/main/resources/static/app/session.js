// Who is logged in. The token is in sessionStorage (token-store.js); the user's name comes
// from /auth/me. Views subscribe to changes to show or hide what needs an account.

import { get, post } from './api.js';
import { clearToken, getToken, setToken } from './token-store.js';

let user = null;
const listeners = new Set();

export function currentUser() {
	return user;
}

export function isLoggedIn() {
	return getToken() != null;
}

export function onSessionChange(listener) {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function changed(reason) {
	listeners.forEach((listener) => listener(user, reason));
}

/** On page load: a token kept in this tab is checked once against /auth/me. */
export async function restore() {
	if (!getToken()) {
		return;
	}
	try {
		user = await get('/auth/me');
		changed('restored');
	}
	catch (failure) {
		if (failure.status === 401) {
			user = null;
			changed('expired');
		}
		// Any other failure (service briefly away): keep the token, the next call will tell.
	}
}

export async function login(email, password) {
	const answer = await post('/auth/login', { email, password }, { auth: false });
	setToken(answer.accessToken);
	user = await get('/auth/me');
	changed('login');
	return user;
}

export async function register(displayName, email, password) {
	await post('/auth/register', { email, password, displayName }, { auth: false });
	return login(email, password);
}

export function logout() {
	clearToken();
	user = null;
	changed('logout');
}

// api.js has already forgotten the token when this fires.
window.addEventListener('boxoffice:unauthorized', () => {
	user = null;
	changed('expired');
});
