// The "Sold out" panel of a show: join its waiting list (POST /shows/{id}/waitlist), or see
// where you stand in it. It re-renders only when what it shows changes, so a poll of the
// waiting list never resets a form the user is filling in.

import { field, h, replace } from '../dom.js';
import { capitalized, categoryWord, plural } from '../format.js';
import { showProblem } from '../notices.js';
import { isLoggedIn } from '../session.js';
import * as waitlist from '../waitlist.js';

/**
 * Renders into `panel` (hidden unless the show is sold out). Returns {update, dispose}:
 * update({soldOut, categories}) after seat counts or the layout change.
 */
export function waitlistJoin(panel, showId) {
	const state = { soldOut: false, categories: [] };
	let rendered = null;

	function render() {
		panel.hidden = !state.soldOut;
		if (!state.soldOut) {
			rendered = null;
			return;
		}
		const { entries, supported } = waitlist.waitlistState();
		const entry = entries.find((candidate) => candidate.showId === showId
			&& (candidate.status === 'WAITING' || candidate.status === 'OFFERED'));
		const key = [isLoggedIn(), supported, entry?.entryId, entry?.status, entry?.position, state.categories].join('|');
		if (key === rendered) {
			return;
		}
		rendered = key;
		const parts = [h('h2', { id: 'waitlist-heading' }, 'Sold out'),
			h('p', {}, 'Every seat is taken right now. Seats that free up go to the waiting list first, in order; '
				+ 'when it is your turn they are held for you for a while, and this page offers them to you.')];
		if (!isLoggedIn()) {
			parts.push(h('p', {}, h('a', { href: `#/login?next=/shows/${showId}` }, 'Log in'), ' to join the waiting list.'));
		}
		else if (!supported) {
			parts.push(h('p', { class: 'muted' }, 'The waiting list is not available on this server.'));
		}
		else if (entry) {
			parts.push(h('p', { 'data-testid': 'waitlist-status' }, entry.status === 'OFFERED'
				? 'Seats are being offered to you: see the offer at the top of the page.'
				: `You are number ${entry.position} on the waiting list for ${plural(entry.count, 'seat')}.`),
			h('p', {}, h('a', { href: '#/waitlist' }, 'My waiting list')));
		}
		else {
			parts.push(form());
		}
		replace(panel, parts);
	}

	function form() {
		const count = h('input', { type: 'number', name: 'count', min: 1, max: 10, value: '2', inputmode: 'numeric', 'data-testid': 'waitlist-count' });
		const category = h('select', { name: 'category', 'data-testid': 'waitlist-category' }, h('option', { value: '' }, 'Any'),
			state.categories.map((name) => h('option', { value: name }, capitalized(categoryWord(name)))));
		const button = h('button', { type: 'submit', class: 'primary', 'data-testid': 'waitlist-button' }, 'Join the waiting list');
		const message = h('div', { 'data-testid': 'waitlist-message' });
		return h('form', {
			class: 'waitlist-form',
			onsubmit: async (event) => {
				event.preventDefault();
				button.disabled = true;
				replace(message);
				try {
					// On success the waiting list refreshes and this panel shows the new place in line.
					await waitlist.join(showId, Number.parseInt(count.value, 10), category.value || null);
				}
				catch (error) {
					showProblem(message, error, { prefix: 'Could not join the waiting list' });
				}
				finally {
					button.disabled = false;
				}
			},
		}, field('Seats', count), field('Category', category), button, message);
	}

	const unsubscribe = waitlist.onWaitlistChange(render);
	return {
		update(next) {
			Object.assign(state, next);
			render();
		},
		dispose: unsubscribe,
	};
}
