// My bookings (GET /bookings, paged): what, when, which seats, the ticket, and cancelling.

import { get, post } from '../api.js';
import * as catalog from '../catalog.js';
import { h, replace } from '../dom.js';
import { dateTime, money, seatList } from '../format.js';
import { problemView } from '../notices.js';
import { replaceQuery } from '../router.js';
import { isLoggedIn } from '../session.js';
import { bookingFacts, loadTicketImage } from '../ticket.js';

const PAGE_SIZE = 10;

export default function bookingsView(container, _params, query) {
	let page = Math.max(0, Number.parseInt(query.get('page') ?? '0', 10) || 0);
	let disposed = false;
	const list = h('div', { class: 'bookings', 'data-testid': 'bookings-list', 'aria-live': 'polite' });
	container.append(h('h1', { tabindex: '-1' }, 'My bookings'), list);

	if (!isLoggedIn()) {
		replace(list, h('p', {}, h('a', { href: '#/login?next=/bookings' }, 'Log in'), ' to see your bookings.'));
		return null;
	}

	async function load() {
		list.setAttribute('aria-busy', 'true');
		try {
			const answer = await get(`/bookings?page=${page}&size=${PAGE_SIZE}`);
			if (disposed) {
				return;
			}
			if (answer.items.length === 0 && page > 0) {
				page = 0;
				replaceQuery({});
				load();
				return;
			}
			const pages = Math.max(1, Math.ceil(answer.total / answer.size));
			replace(list,
				answer.items.length === 0
					? h('p', { class: 'empty' }, 'No bookings yet. ', h('a', { href: '#/' }, 'Find a show'), '.')
					: h('ul', { class: 'booking-list' }, answer.items.map(item)),
				pages > 1 ? pager(page, pages) : null);
		}
		catch (error) {
			if (!disposed) {
				replace(list, problemView(error, { prefix: 'Your bookings could not be loaded' }));
			}
		}
		finally {
			list.setAttribute('aria-busy', 'false');
		}
	}

	function pager(current, pages) {
		const go = (target) => {
			page = target;
			replaceQuery({ page: target > 0 ? String(target) : '' });
			load();
		};
		return h('nav', { class: 'pager', 'aria-label': 'Pages of bookings' },
			h('button', { type: 'button', class: 'secondary', disabled: current === 0, onclick: () => go(current - 1) }, '← Newer'),
			h('span', {}, `Page ${current + 1} of ${pages}`),
			h('button', { type: 'button', class: 'secondary', disabled: current >= pages - 1, onclick: () => go(current + 1) }, 'Older →'));
	}

	function item(booking) {
		const title = h('h2', { class: 'booking-heading' }, 'Booking');
		const when = h('p', { class: 'muted' });
		describeShow(booking.showId, title, when);
		const ticket = h('div', { class: 'ticket-image' });
		const message = h('div');
		const actions = h('div', { class: 'actions' });
		const element = h('li', { class: 'panel booking-item', 'data-testid': 'booking-row', 'data-booking-id': booking.bookingId, 'data-status': booking.status },
			title, when, bookingFacts(booking), actions, ticket, message);
		if (booking.status === 'CONFIRMED') {
			const show = h('button', { type: 'button', class: 'secondary', 'data-testid': 'show-ticket' }, 'Show QR code');
			show.addEventListener('click', () => {
				show.remove();
				loadTicketImage(booking, ticket);
			});
			actions.append(show, cancelButton(booking, message));
		}
		return element;
	}

	/** Cancelling refunds and frees the seats: it takes a second press to confirm. */
	function cancelButton(booking, message) {
		let armed = false;
		let disarm = null;
		const button = h('button', { type: 'button', class: 'danger', 'data-testid': 'cancel-button' }, 'Cancel booking');
		button.addEventListener('click', async () => {
			if (!armed) {
				armed = true;
				button.textContent = `Really cancel? Press again to cancel ${seatList(booking.seatIds)}`;
				disarm = setTimeout(() => {
					armed = false;
					button.textContent = 'Cancel booking';
				}, 5000);
				return;
			}
			clearTimeout(disarm);
			button.disabled = true;
			try {
				const cancelled = await post(`/bookings/${booking.bookingId}/cancel`);
				replace(message, h('p', { role: 'status', class: 'notice' },
					`Cancelled. ${money(cancelled.totalPrice, cancelled.currency)} will be refunded.`));
				load();
			}
			catch (error) {
				button.disabled = false;
				armed = false;
				button.textContent = 'Cancel booking';
				replace(message, problemView(error, { prefix: 'The booking could not be cancelled' }));
			}
		});
		return button;
	}

	load();
	return () => {
		disposed = true;
	};
}

/** Fills in the movie title and show time; the booking itself only knows the show id. */
export async function describeShow(showId, titleElement, whenElement) {
	try {
		const details = await catalog.showDetails(showId);
		titleElement.textContent = details.movie?.title ?? 'Show';
		whenElement.replaceChildren(dateTime(details.show.startsAt),
			details.theater ? ` · ${details.theater.name}, ${details.theater.city}` : '',
			' · ', h('a', { href: `#/shows/${showId}` }, 'seat map'));
	}
	catch {
		titleElement.textContent = 'Show';
	}
}
