// The service's clock, as far as the browser can tell. Hold and offer countdowns run to an
// `expiresAt` written by the server; a device whose clock is minutes off would otherwise
// show a hold as expired (or alive) when it is not. The HTTP Date header has one-second
// resolution, so a skew smaller than two seconds is treated as none.

let offsetMillis = 0;

export function observeServerDate(response) {
	const header = response.headers.get('Date');
	const serverSecond = header ? Date.parse(header) : NaN;
	if (Number.isNaN(serverSecond)) {
		return;
	}
	// The server's time lies somewhere in [serverSecond, serverSecond + 1000).
	const skew = serverSecond + 500 - Date.now();
	offsetMillis = Math.abs(skew) > 2000 ? skew : 0;
}

export function serverNow() {
	return Date.now() + offsetMillis;
}

/** Seconds from now until an ISO-8601 instant of the server, never negative. */
export function secondsUntil(iso) {
	return Math.max(0, (Date.parse(iso) - serverNow()) / 1000);
}
