// The caller's waiting-list entries, shared by the offer banner and the waiting-list page.
// An offer (status OFFERED) is a hold that runs out, and nothing pushes it to the browser,
// so the entries are polled every few seconds, but only while something can still change
// (an entry is WAITING or OFFERED), someone is logged in, and the tab is visible.

import { del, get, post } from './api.js';
import { isLoggedIn, onSessionChange } from './session.js';

const POLL_SECONDS = 5;

let entries = [];
let supported = true;
let lastError = null;
let timer = null;
const listeners = new Set();

export function waitlistState() {
	return { entries, supported, error: lastError };
}

export function onWaitlistChange(listener) {
	listeners.add(listener);
	listener(waitlistState());
	return () => listeners.delete(listener);
}

function changed() {
	const state = waitlistState();
	listeners.forEach((listener) => listener(state));
}

const open = (entry) => entry.status === 'WAITING' || entry.status === 'OFFERED';

/** Reads the entries now, and keeps polling while any is open. */
export async function refresh() {
	clearTimeout(timer);
	timer = null;
	if (!isLoggedIn()) {
		entries = [];
		lastError = null;
		changed();
		return;
	}
	try {
		entries = await get('/waitlist');
		supported = true;
		lastError = null;
	}
	catch (error) {
		if (error.status === 404) {
			// The service has no waiting list (yet): say so once, stop asking.
			supported = false;
		}
		lastError = error.status === 401 || error.status === 404 ? null : error;
	}
	changed();
	schedule();
}

function schedule() {
	clearTimeout(timer);
	timer = null;
	const due = isLoggedIn() && supported && entries.some(open) && document.visibilityState === 'visible';
	if (due) {
		timer = setTimeout(refresh, POLL_SECONDS * 1000);
	}
}

export async function join(showId, count, category) {
	const body = category ? { count, category } : { count };
	const entry = await post(`/shows/${showId}/waitlist`, body);
	await refresh();
	return entry;
}

export async function leave(entryId) {
	await del(`/waitlist/${entryId}`);
	await refresh();
}

/** Called after an offer is booked: the entry becomes BOOKED on the service. */
export function offerBooked() {
	return refresh();
}

document.addEventListener('visibilitychange', () => {
	if (document.visibilityState === 'visible') {
		refresh();
	}
	else {
		clearTimeout(timer);
		timer = null;
	}
});

onSessionChange(() => refresh());
