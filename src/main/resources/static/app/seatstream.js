// The live seat map stream (API.md, Seat map): a `snapshot` event with the full map, then
// `seats` events with changes. EventSource reconnects by itself and sends Last-Event-ID,
// so the service replays what was missed (or sends a fresh snapshot). It gives up only
// when the service refuses the stream (an error status, such as 429 for too many open
// streams); then this class opens a new one after a growing pause.

const BACKOFF_SECONDS = [2, 4, 8, 15, 30];

export class SeatStream {

	/**
	 * @param handlers.onSnapshot (seatMap) → the full map
	 * @param handlers.onChanges  ([{seatId, status}]) → changes since the last event
	 * @param handlers.onState    (state, detail) → 'connecting' | 'live' | 'reconnecting' | 'offline'
	 */
	constructor(showId, handlers) {
		this.url = `/api/v1/shows/${encodeURIComponent(showId)}/seats/stream`;
		this.handlers = handlers;
		this.source = null;
		this.failures = 0;
		this.retryTimer = null;
		this.closed = false;
		this.online = () => this.source == null && !this.closed && this.open();
		window.addEventListener('online', this.online);
	}

	open() {
		clearTimeout(this.retryTimer);
		this.retryTimer = null;
		this.handlers.onState('connecting');
		const source = new EventSource(this.url);
		this.source = source;
		source.addEventListener('snapshot', (event) => {
			this.failures = 0;
			this.handlers.onState('live');
			this.handlers.onSnapshot(JSON.parse(event.data));
		});
		source.addEventListener('seats', (event) => {
			this.handlers.onChanges(JSON.parse(event.data).changes ?? []);
		});
		source.addEventListener('open', () => {
			this.failures = 0;
			this.handlers.onState('live');
		});
		source.addEventListener('error', () => {
			if (source.readyState === EventSource.CONNECTING) {
				// The browser retries by itself (after the `retry` the snapshot set).
				this.handlers.onState('reconnecting');
				return;
			}
			source.close();
			this.source = null;
			if (this.closed) {
				return;
			}
			const seconds = BACKOFF_SECONDS[Math.min(this.failures, BACKOFF_SECONDS.length - 1)];
			this.failures++;
			this.handlers.onState('offline', seconds);
			this.retryTimer = setTimeout(() => this.open(), seconds * 1000);
		});
	}

	close() {
		this.closed = true;
		clearTimeout(this.retryTimer);
		window.removeEventListener('online', this.online);
		this.source?.close();
		this.source = null;
	}

}
