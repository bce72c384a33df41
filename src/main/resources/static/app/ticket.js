// A confirmed booking and its ticket. The QR image needs the bearer token, so it cannot
// be a plain <img src>: it is fetched as a Blob and shown through an object URL. The
// ticket code is always shown as text too: it is what the door staff type in when a
// screen cannot be scanned.

import { get } from './api.js';
import { h, replace } from './dom.js';
import { money, seatList } from './format.js';
import { problemView } from './notices.js';

let panels = 0;

/** The panel shown after paying: what was booked, the code, the QR image. */
export function bookingPanel(booking, { heading = 'Booking confirmed', title } = {}) {
	const headingId = `booking-heading-${++panels}`;
	const image = h('div', { class: 'ticket-image' });
	const panel = h('section', {
		class: 'booking-panel panel',
		'data-testid': 'booking-panel',
		'data-booking-id': booking.bookingId,
		'aria-labelledby': headingId,
	},
	h('h2', { id: headingId, tabindex: '-1' }, heading),
	title ? h('p', { class: 'booking-title' }, title) : null,
	bookingFacts(booking),
	image);
	loadTicketImage(booking, image);
	return panel;
}

export function bookingFacts(booking) {
	return h('dl', { class: 'facts' },
		h('dt', {}, 'Seats'), h('dd', { 'data-testid': 'booking-seats' }, seatList(booking.seatIds)),
		h('dt', {}, 'Total'), h('dd', {}, money(booking.totalPrice, booking.currency)),
		h('dt', {}, 'Status'), h('dd', { 'data-testid': 'booking-status' }, booking.status.toLowerCase()),
		h('dt', {}, 'Ticket code'), h('dd', {}, h('code', { class: 'ticket-code', 'data-testid': 'ticket-code' },
			booking.ticketCode)));
}

/** Fetches the QR code into `container`; when there is none (404, 409) the code as text stays. */
export async function loadTicketImage(booking, container) {
	replace(container, h('p', { class: 'muted' }, 'Loading the QR code…'));
	try {
		const blob = await get(`/bookings/${booking.bookingId}/ticket`, { as: 'blob' });
		const url = URL.createObjectURL(blob);
		const image = h('img', {
			src: url,
			alt: `QR code of ticket ${booking.ticketCode}`,
			width: 200,
			height: 200,
			'data-testid': 'ticket-image',
		});
		// Once decoded the picture no longer needs its URL; release the Blob's memory.
		const release = () => URL.revokeObjectURL(url);
		image.addEventListener('load', release, { once: true });
		image.addEventListener('error', release, { once: true });
		replace(container, image);
	}
	catch (error) {
		if (error.status === 404) {
			replace(container, h('p', { class: 'muted', 'data-testid': 'ticket-image-missing' },
				'No QR code is available for this ticket; show the ticket code at the door.'));
		}
		else if (error.status === 409) {
			replace(container, h('p', { class: 'muted' }, error.message));
		}
		else {
			replace(container, problemView(error, { prefix: 'The QR code could not be loaded' }));
		}
	}
}
