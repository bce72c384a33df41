package dev.boxoffice.waitlist;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The waiting lists as an operator watches them: the entries waiting (all shows
 * together), and the offers by what became of them. The waiting count is refreshed by a
 * loop (see {@link WaitlistConfig}), so a scrape never queries the database.
 */
@Component
class WaitlistMetrics {

	private final WaitlistEntries entries;

	private final AtomicLong waiting = new AtomicLong();

	private final Counter offered;

	private final Counter booked;

	private final Counter expired;

	WaitlistMetrics(WaitlistEntries entries, MeterRegistry meters) {
		this.entries = entries;
		Gauge.builder("boxoffice.waitlist.waiting", this.waiting, AtomicLong::get)
			.description("Waiting-list entries waiting")
			.register(meters);
		this.offered = offers(meters, "offered");
		this.booked = offers(meters, "booked");
		this.expired = offers(meters, "expired");
	}

	private static Counter offers(MeterRegistry meters, String outcome) {
		return Counter.builder("boxoffice.waitlist.offers")
			.description("Waiting-list offers, by what became of them")
			.tag("outcome", outcome)
			.register(meters);
	}

	/** An offer was made to an entry. */
	void offered() {
		this.offered.increment();
	}

	/**
	 * An offer ended: booked, or expired (run out or let go). Counted by the one instance
	 * whose update closed the entry.
	 */
	void closed(WaitlistEntry.Status outcome, long offers) {
		(outcome == WaitlistEntry.Status.BOOKED ? this.booked : this.expired).increment(offers);
	}

	/**
	 * Reads the number of waiting entries once; never asks for an immediate repetition.
	 */
	Mono<Boolean> refresh() {
		return this.entries.countAllWaiting().map((count) -> {
			this.waiting.set(count);
			return false;
		});
	}

}
