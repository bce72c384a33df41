// One show: its live seat map, choosing seats (by hand or "best N"), the hold with its
// countdown, paying, the booking, and the waiting list when the show is sold out.

import { del, get, post } from '../api.js';
import * as catalog from '../catalog.js';
import { secondsUntil } from '../clock.js';
import { countdown } from '../countdown.js';
import { field, h, replace } from '../dom.js';
import { capitalized, categoryWord, dateTime, money, plural, seatList } from '../format.js';
import { problemView, showProblem } from '../notices.js';
import { paymentForm } from '../payment.js';
import { navigate } from '../router.js';
import { SeatMap } from '../seatmap.js';
import { SeatStream } from '../seatstream.js';
import { isLoggedIn, onSessionChange } from '../session.js';
import { bookingPanel } from '../ticket.js';
import { waitlistJoin } from './waitlist-join.js';

const CONNECTION_TEXT = {
	connecting: 'Connecting…',
	live: 'Live',
	reconnecting: 'Reconnecting…',
	offline: 'Offline',
};

/** Where a hold is remembered, so a reload of the page keeps showing it and its countdown. */
const holdKey = (showId) => `boxoffice.hold.${showId}`;

export default function showView(container, { showId }) {
	let disposed = false;
	let show = null;
	let seatMap = null;
	let stream = null;
	let hold = null;
	let stopCountdown = null;
	let counts = null;
	let holdBlockedUntil = 0;
	let restored = false;
	let categories = [];
	// Seats of a hold request in flight: a HELD event for them is ours, not someone else's.
	const pending = new Set();
	const cleanups = [];

	// ---- the page ----
	const heading = h('h1', { tabindex: '-1' }, 'Loading the show…');
	const meta = h('p', { class: 'show-meta' });
	// A status region: losing the live feed (and getting it back) is worth announcing.
	const connection = h('span', { class: 'connection', role: 'status', 'data-testid': 'connection-state', 'data-state': 'connecting' },
		CONNECTION_TEXT.connecting);
	const countsView = h('p', { class: 'counts', 'data-testid': 'seat-counts' });
	const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' });
	const seatInfo = h('p', { class: 'seat-info', 'aria-hidden': 'true' }, 'Point at or focus a seat to see it.');
	const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'data-testid': 'seat-announcer' });
	const scroller = h('div', { class: 'seatmap-scroll' });
	const mapArea = h('div', { class: 'map-column' },
		h('div', { class: 'map-toolbar' }, connection, countsView),
		legend,
		h('div', { class: 'screen', 'aria-hidden': 'true' }, 'Screen'),
		scroller, seatInfo, announcer);

	const selectionSummary = h('p', { class: 'selection-summary', 'data-testid': 'selection-summary' });
	const holdButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'hold-button', onclick: holdSelected },
		'Hold selected seats');
	const clearButton = h('button', { type: 'button', class: 'secondary', 'data-testid': 'clear-selection', onclick: clearSelection },
		'Clear');
	const bestCount = h('input', { type: 'number', name: 'count', min: 1, max: 10, value: '2', inputmode: 'numeric', 'data-testid': 'best-count' });
	const bestCategory = h('select', { name: 'category', 'data-testid': 'best-category' }, h('option', { value: '' }, 'Any'));
	const bestButton = h('button', { type: 'submit', class: 'secondary', 'data-testid': 'best-button' }, 'Hold the best seats');
	const bestForm = h('form', { class: 'best-form', onsubmit: holdBest, 'aria-label': 'Best available seats' },
		field('Seats', bestCount), field('Category', bestCategory), bestButton);
	const holdMessage = h('div', { class: 'hold-message', 'data-testid': 'hold-message' });
	const loginPrompt = h('p', { class: 'login-prompt', 'data-testid': 'login-prompt' },
		h('a', { href: `#/login?next=/shows/${showId}` }, 'Log in or register'), ' to hold seats and pay.');
	const selectionPanel = h('section', { class: 'panel', 'aria-labelledby': 'selection-heading', 'data-testid': 'selection-panel' },
		h('h2', { id: 'selection-heading' }, 'Choose seats'),
		selectionSummary,
		h('div', { class: 'actions' }, holdButton, clearButton),
		h('p', { class: 'or' }, 'or let us pick'),
		bestForm,
		loginPrompt,
		holdMessage);
	const holdPanel = h('section', { class: 'panel hold-panel', 'data-testid': 'hold-panel', 'aria-labelledby': 'hold-heading', hidden: true });
	const bookingArea = h('div', { class: 'booking-area' });
	const waitlistPanel = h('section', { class: 'panel waitlist-panel', 'data-testid': 'waitlist-join', 'aria-labelledby': 'waitlist-heading', hidden: true });
	const side = h('aside', { class: 'side-column', 'aria-label': 'Your seats' }, bookingArea, holdPanel, selectionPanel, waitlistPanel);
	const body = h('div', { class: 'show-layout' }, mapArea, side);
	container.append(h('p', { class: 'breadcrumb' }, h('a', { href: '#/' }, '← All shows')), heading, meta, body);

	// ---- loading: the show, then the hall layout and the live stream side by side ----
	async function start() {
		let details;
		try {
			details = await catalog.showDetails(showId);
		}
		catch (error) {
			if (!disposed) {
				heading.textContent = error.status === 404 ? 'Show not found' : 'The show could not be loaded';
				body.replaceWith(problemView(error));
			}
			return;
		}
		if (disposed) {
			return;
		}
		show = details.show;
		const title = details.movie?.title ?? 'Show';
		heading.textContent = title;
		document.title = `${title} · BoxOffice`;
		const place = details.theater ? `${details.theater.name}, ${details.theater.city}` : null;
		meta.textContent = [dateTime(show.startsAt), place].filter(Boolean).join(' · ');

		const layout = catalog.hall(show.hallId).catch(() => null);
		// Stream events are applied in order, each after the previous (and after the layout).
		let queue = layout.then((hall) => {
			if (hall && !disposed) {
				meta.textContent = [dateTime(show.startsAt), place, hall.name].filter(Boolean).join(' · ');
			}
			seatMap = new SeatMap(scroller, {
				currency: show.currency,
				rowOrder: hall?.rows?.map((row) => row.label),
				aisles: aislesOf(hall),
				onToggle: toggle,
				onUnavailable: unavailableSeat,
				onTaken: taken,
				onCounts: countsChanged,
				onFocusSeat: (text) => {
					seatInfo.textContent = text;
				},
			});
		});
		const enqueue = (work) => {
			queue = queue.then(() => !disposed && work()).catch((failure) => console.error(failure));
		};
		stream = new SeatStream(showId, {
			onSnapshot: (snapshot) => enqueue(() => {
				if (seatMap.load(snapshot)) {
					layoutChanged();
				}
				restoreHold();
			}),
			onChanges: (changes) => enqueue(() => seatMap.apply(changes)),
			onState: connectionChanged,
		});
		stream.open();
		selectionChanged();
	}

	function connectionChanged(state, retrySeconds) {
		connection.dataset.state = state;
		connection.textContent = state === 'offline' && retrySeconds
			? `Offline, retrying in ${retrySeconds} s` : CONNECTION_TEXT[state];
	}

	/**
	 * The categories this hall really has (a show may price more), cheapest first: for the
	 * legend and the category choices.
	 */
	function layoutChanged() {
		const price = (category) => show.prices[category] ?? 0;
		categories = [...seatMap.categories].sort((a, b) => price(a) - price(b));
		replace(bestCategory, h('option', { value: '' }, 'Any'),
			categories.map((category) => h('option', { value: category }, capitalized(categoryWord(category)))));
		renderLegend();
		renderWaitlist();
		// A phone shows the middle of a wide hall first, where the best seats are.
		scroller.scrollLeft = (scroller.scrollWidth - scroller.clientWidth) / 2;
	}

	function renderLegend() {
		const swatch = (status, label, extra = {}) => h('li', {},
			h('span', { class: `swatch seat ${extra.class ?? 'cat-0'}`, 'data-status': status, 'data-mine': extra.mine ?? null, 'aria-hidden': 'true' }), label);
		replace(legend,
			categories.map((category) => swatch('AVAILABLE',
				`${capitalized(categoryWord(category))} ${show.prices[category] != null ? money(show.prices[category], show.currency) : ''}`.trim(),
				{ class: `cat-${seatMap.categories.indexOf(category) % 6}` })),
			swatch('SELECTED', 'Selected'),
			swatch('HELD', 'Your hold', { mine: 'true' }),
			swatch('HELD', 'Held'),
			swatch('BOOKED', 'Booked'));
	}

	function countsChanged(next) {
		counts = next;
		replace(countsView,
			h('span', {}, 'Available ', h('strong', { 'data-testid': 'count-available' }, next.available)), ' · ',
			h('span', {}, 'Held ', h('strong', { 'data-testid': 'count-held' }, next.held)), ' · ',
			h('span', {}, 'Booked ', h('strong', { 'data-testid': 'count-booked' }, next.booked)));
		renderWaitlist();
	}

	// ---- choosing seats ----
	function toggle(seatId) {
		if (hold) {
			say('You already hold seats: pay for them or release them first.');
			return;
		}
		seatMap.setSelected(seatId, !seatMap.selected.has(seatId));
		selectionChanged();
	}

	function unavailableSeat(seatId, status) {
		const seat = seatMap.seat(seatId);
		const what = status === 'yours' ? 'held by you' : status.toLowerCase();
		say(`Row ${seat.row}, seat ${seat.number} is ${what}.`);
	}

	function taken(seatIds) {
		const others = seatIds.filter((seatId) => !pending.has(seatId));
		if (others.length > 0) {
			const text = `${plural(others.length, 'seat')} you selected (${seatList(others)}) ${others.length === 1 ? 'was' : 'were'} just taken by someone else.`;
			replace(holdMessage, h('p', { class: 'notice', role: 'status' }, text));
		}
		selectionChanged();
	}

	function clearSelection() {
		seatMap?.clearSelection();
		selectionChanged();
	}

	function selectionChanged() {
		const loggedIn = isLoggedIn();
		const selected = seatMap ? [...seatMap.selected] : [];
		if (selected.length === 0) {
			selectionSummary.textContent = 'No seats selected. Click seats on the map (or use the arrow keys and Enter).';
		}
		else {
			const total = selected.reduce((sum, seatId) => sum + seatMap.seat(seatId).price, 0);
			selectionSummary.textContent = `${plural(selected.length, 'seat')} selected: ${seatList(selected)}, ${money(total, show.currency)}`;
		}
		const blocked = Date.now() < holdBlockedUntil;
		holdButton.disabled = selected.length === 0 || hold != null || !loggedIn || blocked || pending.size > 0;
		holdButton.textContent = selected.length > 0 ? `Hold ${plural(selected.length, 'seat')}` : 'Hold selected seats';
		clearButton.disabled = selected.length === 0;
		bestButton.disabled = hold != null || !loggedIn || blocked || show == null;
		loginPrompt.hidden = loggedIn;
		// Sold out: the waiting list takes the place of choosing seats.
		selectionPanel.hidden = hold != null || (counts?.available === 0 && selected.length === 0);
	}

	// ---- holding ----
	function holdSelected() {
		holdWith({ seatIds: [...seatMap.selected] });
	}

	function holdBest(event) {
		event.preventDefault();
		const count = Number.parseInt(bestCount.value, 10);
		if (!(count >= 1)) {
			replace(holdMessage, problemView(new Error('Enter how many seats you want.')));
			return;
		}
		holdWith({ count, category: bestCategory.value || undefined });
	}

	async function holdWith(request) {
		if (!isLoggedIn()) {
			navigate(`/login?next=/shows/${showId}`);
			return;
		}
		replace(holdMessage);
		(request.seatIds ?? []).forEach((seatId) => pending.add(seatId));
		selectionChanged();
		try {
			const created = await post(`/shows/${showId}/holds`, request);
			if (disposed) {
				return;
			}
			seatMap.clearSelection();
			setHold(created);
			holdPanel.querySelector('h2')?.focus();
		}
		catch (error) {
			if (disposed) {
				return;
			}
			if (error.code === 'SEATS_UNAVAILABLE') {
				offerSuggestions(error);
			}
			else {
				showProblem(holdMessage, error, { prefix: 'The seats could not be held' });
				if (error.status === 429 && error.retryAfterSeconds > 0) {
					holdBlockedUntil = Date.now() + error.retryAfterSeconds * 1000;
					setTimeout(selectionChanged, error.retryAfterSeconds * 1000 + 50);
				}
			}
		}
		finally {
			pending.clear();
			if (!disposed) {
				selectionChanged();
			}
		}
	}

	/** 409 SEATS_UNAVAILABLE: which seats were taken, and up to three alternatives to hold in one click. */
	function offerSuggestions(error) {
		const unavailable = error.problem.unavailableSeatIds ?? [];
		unavailable.forEach((seatId) => seatMap.setSelected(seatId, false));
		const suggestions = error.problem.suggestions ?? [];
		const priceOf = (seatIds) => seatIds.reduce((sum, seatId) => sum + (seatMap.seat(seatId)?.price ?? 0), 0);
		replace(holdMessage, h('div', { class: 'problem', role: 'alert', 'data-testid': 'seats-unavailable', 'data-code': error.code },
			h('p', {}, error.message),
			suggestions.length > 0
				? [h('p', {}, suggestions.length === 1 ? 'This is free instead:' : 'These are free instead:'),
					h('ul', { class: 'suggestions', 'data-testid': 'suggestions' }, suggestions.map((seatIds, index) => h('li', {},
						h('button', {
							type: 'button',
							class: 'secondary',
							'data-testid': `suggestion-${index}`,
							'data-seat-ids': seatIds.join(','),
							onclick: () => holdWith({ seatIds }),
						}, `Hold ${seatList(seatIds)} (${money(priceOf(seatIds), show.currency)})`))))]
				: h('p', {}, 'No other seats like these are free together right now.')));
		selectionChanged();
	}

	function setHold(created) {
		hold = created;
		sessionStorage.setItem(holdKey(showId), JSON.stringify(hold));
		seatMap.setMine(hold.seatIds, true);
		// Ours now: show it at once rather than when the stream says so.
		seatMap.apply(hold.seatIds.filter((seatId) => seatMap.status(seatId) === 'AVAILABLE')
			.map((seatId) => ({ seatId, status: 'HELD' })));
		const timer = h('span', { class: 'countdown', role: 'timer', 'data-testid': 'countdown' });
		replace(holdPanel,
			h('h2', { id: 'hold-heading', tabindex: '-1' }, 'Your seats are held'),
			h('p', { 'data-testid': 'hold-seats' }, `${seatList(hold.seatIds)}, ${money(hold.totalPrice, hold.currency)}`),
			h('p', { class: 'countdown-line' }, 'Time left to pay: ', timer),
			paymentForm(hold, { onBooked: booked, onGone: (error) => dropHold('gone', error) }),
			h('button', { type: 'button', class: 'link', 'data-testid': 'release-button', onclick: release }, 'Release these seats'));
		holdPanel.hidden = false;
		stopCountdown?.();
		stopCountdown = countdown(timer, hold.expiresAt, () => dropHold('expired'));
		replace(bookingArea);
		selectionChanged();
		renderWaitlist();
	}

	/** The hold is over: paid, released, expired, or unknown to the service. */
	function dropHold(reason, error) {
		stopCountdown?.();
		stopCountdown = null;
		const seatIds = hold?.seatIds ?? [];
		hold = null;
		sessionStorage.removeItem(holdKey(showId));
		seatMap?.setMine(seatIds, false);
		holdPanel.hidden = true;
		replace(holdPanel);
		if (reason === 'expired' || reason === 'released') {
			// The service frees them at this moment (the hold's keys expire or are deleted).
			seatMap?.apply(seatIds.map((seatId) => ({ seatId, status: 'AVAILABLE' })));
		}
		if (reason === 'expired') {
			replace(holdMessage, h('p', { class: 'notice', role: 'status', 'data-testid': 'hold-expired' },
				`Your hold on ${seatList(seatIds)} ran out and the seats were released. Choose seats again.`));
		}
		else if (reason === 'released') {
			replace(holdMessage, h('p', { class: 'notice', role: 'status' }, `Released ${seatList(seatIds)}.`));
		}
		else if (reason === 'gone') {
			replace(holdMessage, problemView(error, { prefix: 'Your hold is gone' }));
		}
		selectionChanged();
		renderWaitlist();
	}

	async function release(event) {
		const button = event.currentTarget;
		button.disabled = true;
		try {
			await del(`/holds/${hold.holdId}`);
			dropHold('released');
		}
		catch (error) {
			if (error.status === 404) {
				dropHold('gone', error);
			}
			else {
				button.disabled = false;
				holdPanel.append(problemView(error, { prefix: 'The seats could not be released' }));
			}
		}
	}

	function booked(booking) {
		const seatIds = hold.seatIds;
		dropHold('booked');
		seatMap.apply(seatIds.map((seatId) => ({ seatId, status: 'BOOKED' })));
		const panel = bookingPanel(booking, { title: `${heading.textContent}, ${meta.textContent}` });
		panel.append(h('p', {}, h('a', { href: '#/bookings' }, 'See all my bookings')));
		replace(bookingArea, panel);
		panel.querySelector('h2')?.focus();
	}

	/** After a reload: the hold this tab made, if the service still has it. */
	async function restoreHold() {
		if (restored || hold || !isLoggedIn()) {
			return;
		}
		restored = true;
		const saved = JSON.parse(sessionStorage.getItem(holdKey(showId)) ?? 'null');
		if (!saved || secondsUntil(saved.expiresAt) <= 0) {
			sessionStorage.removeItem(holdKey(showId));
			return;
		}
		try {
			const current = await get(`/holds/${saved.holdId}`);
			if (!disposed && !hold) {
				setHold(current);
			}
		}
		catch {
			sessionStorage.removeItem(holdKey(showId));
		}
	}

	// ---- the waiting list, when nothing is available ----
	const join = waitlistJoin(waitlistPanel, showId);
	cleanups.push(join.dispose);

	function renderWaitlist() {
		join.update({ soldOut: counts != null && counts.available === 0 && hold == null && show != null, categories });
		selectionChanged();
	}

	function say(text) {
		announcer.textContent = text;
		seatInfo.textContent = text;
	}

	cleanups.push(onSessionChange(() => {
		if (!isLoggedIn() && hold) {
			dropHold('logout');
		}
		selectionChanged();
		renderWaitlist();
	}));
	start();
	heading.focus();

	return () => {
		disposed = true;
		stream?.close();
		stopCountdown?.();
		cleanups.forEach((cleanup) => cleanup());
		document.title = 'BoxOffice';
	};
}

function aislesOf(hall) {
	const aisles = new Set();
	for (const row of hall?.rows ?? []) {
		(row.aisleAfter ?? []).forEach((number) => aisles.add(`${row.label}-${number}`));
	}
	return aisles;
}
