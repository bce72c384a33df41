// A countdown to a server instant (a hold's or an offer's `expiresAt`). It ticks four
// times a second so the display never lags a full second behind, and calls onExpire once
// when it reaches zero: that is when the service lets the seats go.

import { secondsUntil } from './clock.js';
import { clockTime } from './format.js';

/** Writes the time left into `element` until expiry; returns a function that stops it. */
export function countdown(element, expiresAt, onExpire) {
	let timer = null;
	const stop = () => {
		clearInterval(timer);
		timer = null;
	};
	const tick = () => {
		const left = secondsUntil(expiresAt);
		element.textContent = clockTime(left);
		element.dataset.secondsLeft = String(Math.ceil(left));
		element.classList.toggle('urgent', left < 60);
		if (left <= 0 && timer !== null) {
			stop();
			onExpire?.();
		}
	};
	timer = setInterval(tick, 250);
	tick();
	return stop;
}
