// My waiting-list entries (GET /waitlist, newest first), with leaving. Open offers are
// paid in the banner at the top of every page (offers.js), so they are never missed.

import { h, replace } from '../dom.js';
import { categoryWord, dateTime, plural } from '../format.js';
import { problemView } from '../notices.js';
import { isLoggedIn } from '../session.js';
import * as waitlist from '../waitlist.js';
import { describeShow } from './bookings-view.js';

const STATUS_TEXT = {
	WAITING: 'Waiting',
	OFFERED: 'Seats offered to you',
	BOOKED: 'Booked',
	EXPIRED: 'Expired',
};

export default function waitlistView(container) {
	const list = h('div', { class: 'waitlist', 'data-testid': 'waitlist-panel' });
	container.append(h('h1', { tabindex: '-1' }, 'My waiting list'),
		h('p', { class: 'muted' }, 'When a show is sold out you can join its waiting list from its seat map. '
			+ 'Seats that free up are offered in order; an offer is held for you for a limited time.'),
		list);
	if (!isLoggedIn()) {
		replace(list, h('p', {}, h('a', { href: '#/login?next=/waitlist' }, 'Log in'), ' to see your waiting list.'));
		return null;
	}
	const rows = new Map();
	const unsubscribe = waitlist.onWaitlistChange((state) => {
		if (!state.supported) {
			replace(list, h('p', { class: 'muted', 'data-testid': 'waitlist-unsupported' }, 'The waiting list is not available on this server.'));
			return;
		}
		const error = state.error ? problemView(state.error, { prefix: 'The waiting list could not be loaded' }) : null;
		if (state.entries.length === 0) {
			replace(list, error, h('p', { class: 'empty' }, 'You are not waiting for any show.'));
			return;
		}
		replace(list, error, h('ul', { class: 'waitlist-entries' }, state.entries.map((entry) => row(entry, rows))));
	});
	waitlist.refresh();
	return unsubscribe;
}

function row(entry, cache) {
	// Rows are rebuilt on every poll; the show's title is looked up once per entry.
	let title = cache.get(entry.entryId);
	if (!title) {
		title = { heading: h('h2', {}, 'Show'), when: h('p', { class: 'muted' }) };
		describeShow(entry.showId, title.heading, title.when);
		cache.set(entry.entryId, title);
	}
	const message = h('div');
	const open = entry.status === 'WAITING' || entry.status === 'OFFERED';
	return h('li', { class: 'panel waitlist-entry', 'data-testid': 'waitlist-entry', 'data-entry-id': entry.entryId, 'data-status': entry.status },
		title.heading, title.when,
		h('p', {}, `${plural(entry.count, 'seat')}${entry.category ? `, ${categoryWord(entry.category)}` : ''} · `,
			h('strong', {}, STATUS_TEXT[entry.status] ?? entry.status),
			entry.status === 'WAITING' && entry.position ? ` · number ${entry.position} in line` : '',
			entry.status === 'OFFERED' && entry.expiresAt ? ` until ${dateTime(entry.expiresAt)}: pay at the top of the page` : ''),
		h('p', { class: 'muted' }, `Joined ${dateTime(entry.createdAt)}`),
		open ? h('button', {
			type: 'button',
			class: 'secondary',
			'data-testid': 'waitlist-leave',
			onclick: async (event) => {
				event.currentTarget.disabled = true;
				try {
					await waitlist.leave(entry.entryId);
				}
				catch (error) {
					replace(message, problemView(error, { prefix: 'Could not leave the waiting list' }));
				}
			},
		}, entry.status === 'OFFERED' ? 'Decline the offer and leave' : 'Leave the waiting list') : null,
		message);
}
