// BoxOffice in the browser: plain ES modules served by the service itself, no build step.
// This module wires the header, the waiting-list offers and the routes together.

import { h, replace } from './dom.js';
import { flash } from './notices.js';
import { startOffers } from './offers.js';
import { render, route } from './router.js';
import { currentUser, isLoggedIn, logout, onSessionChange, restore } from './session.js';
import authView from './views/auth-view.js';
import bookingsView from './views/bookings-view.js';
import showView from './views/show-view.js';
import showsView from './views/shows-view.js';
import waitlistView from './views/waitlist-view.js';

route(/^\/$/, showsView);
route(/^\/shows\/(?<showId>[0-9a-fA-F-]{36})$/, showView);
route(/^\/login$/, authView);
route(/^\/bookings$/, bookingsView);
route(/^\/waitlist$/, waitlistView);

function renderAccount() {
	const account = document.getElementById('account');
	if (!isLoggedIn()) {
		replace(account, h('a', { href: '#/login', 'data-testid': 'login-link' }, 'Log in'));
		return;
	}
	const user = currentUser();
	replace(account,
		h('span', { class: 'user', 'data-testid': 'user-name' }, user ? user.displayName : 'Logged in'),
		h('button', {
			type: 'button',
			class: 'link',
			'data-testid': 'logout',
			onclick: () => {
				logout();
				flash('You are logged out.');
			},
		}, 'Log out'));
}

onSessionChange((_user, reason) => {
	renderAccount();
	if (reason === 'expired') {
		flash('Your session has ended. Please log in again.', 'warning');
	}
});

// The skip link targets <main>, which is not a route: move focus there by hand.
document.querySelector('[data-skip-link]').addEventListener('click', (event) => {
	event.preventDefault();
	document.getElementById('view').focus();
});

renderAccount();
startOffers(document.getElementById('offers'));
render();
// restore() announces the user (and so starts the waiting-list poll) once /auth/me answers.
await restore();
