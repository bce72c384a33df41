// The banner of open waiting-list offers (status OFFERED), on every page: an offer is a
// hold in the user's name that runs out, so it shows its countdown and can be paid where
// the user happens to be. Offers are keyed by entry: a poll that brings the same offer
// again leaves its form (chosen card, payment in flight) untouched.

import { get } from './api.js';
import { countdown } from './countdown.js';
import { h, replace } from './dom.js';
import { categoryWord, dateTime, plural } from './format.js';
import * as catalog from './catalog.js';
import { paymentForm } from './payment.js';
import { bookingPanel } from './ticket.js';
import * as waitlist from './waitlist.js';

export function startOffers(banner) {
	const shown = new Map();

	waitlist.onWaitlistChange((state) => {
		const offers = state.entries.filter((entry) => entry.status === 'OFFERED' && entry.holdId);
		const keys = new Set(offers.map((entry) => `${entry.entryId}|${entry.holdId}`));
		for (const [key, view] of shown) {
			if (!keys.has(key) && !view.sticky) {
				view.stop();
				view.element.remove();
				shown.delete(key);
			}
		}
		for (const entry of offers) {
			const key = `${entry.entryId}|${entry.holdId}`;
			if (!shown.has(key)) {
				const view = offer(entry, () => {
					view.stop();
					view.element.remove();
					shown.delete(key);
					banner.hidden = shown.size === 0;
				});
				shown.set(key, view);
				banner.append(view.element);
			}
		}
		banner.hidden = shown.size === 0;
	});
}

function offer(entry, dismiss) {
	const title = h('strong', {}, 'Seats for you');
	catalog.showDetails(entry.showId)
		.then((details) => {
			title.textContent = `Seats for you: ${details.movie?.title ?? 'your show'}, ${dateTime(details.show.startsAt)}`;
		})
		.catch(() => {});
	const timer = h('span', { class: 'countdown', role: 'timer', 'data-testid': 'offer-countdown' });
	// sticky: ended with a message (booked, gone, ran out) that stays until closed.
	const view = { sticky: false, stop: () => {}, element: null };
	const body = h('div', { class: 'offer-body' });
	const timeLeft = h('span', {}, ' · time left ', timer);
	view.element = h('div', { class: 'offer', 'data-testid': 'offer', 'data-entry-id': entry.entryId, 'data-hold-id': entry.holdId },
		h('p', {}, title, ` · ${plural(entry.count, 'seat')}${entry.category ? `, ${categoryWord(entry.category)}` : ''}`, timeLeft),
		body);
	// Once the offer has ended (booked, gone, ran out) its clock means nothing.
	const end = () => {
		view.sticky = true;
		view.stop();
		timeLeft.remove();
	};
	const pay = (hold) => replace(body, paymentForm(hold, {
		testid: 'offer-',
		onBooked: (booking) => {
			end();
			replace(body, bookingPanel(booking, { heading: 'Booked from the waiting list' }),
				h('button', { type: 'button', class: 'link', onclick: dismiss }, 'Close'));
			waitlist.offerBooked();
		},
		onGone: (error) => {
			end();
			replace(body, h('p', { class: 'notice' }, `This offer is gone: ${error.message}`),
				h('button', { type: 'button', class: 'link', onclick: dismiss }, 'Close'));
			waitlist.refresh();
		},
	}));
	// The offer's hold says what it costs; without it the form still pays.
	const payUnlessEnded = (hold) => view.sticky || pay(hold);
	get(`/holds/${entry.holdId}`).then(payUnlessEnded, () => payUnlessEnded({ holdId: entry.holdId }));
	view.stop = countdown(timer, entry.expiresAt, () => {
		end();
		replace(body, h('p', { class: 'notice' }, 'This offer ran out; the seats went to the next person waiting.'),
			h('button', { type: 'button', class: 'link', onclick: dismiss }, 'Close'));
		waitlist.refresh();
	});
	return view;
}
