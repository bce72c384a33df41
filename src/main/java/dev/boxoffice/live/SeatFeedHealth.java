package dev.boxoffice.live;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness, as {@code seatFeed}: an instance takes seat-map subscribers only
 * once its seat feed has its partitions. A stream opened earlier got its snapshot but
 * never the changes made before the feed joined, and showed those seats wrong until it
 * reconnected. A broker outage later does not make the instance unready: the feed keeps
 * its assignment and streams converge when it returns.
 */
@Component("seatFeedHealthIndicator")
class SeatFeedHealth implements ReactiveHealthIndicator {

	private final SeatFeed feed;

	SeatFeedHealth(SeatFeed feed) {
		this.feed = feed;
	}

	@Override
	public Mono<Health> health() {
		return Mono.just(this.feed.isAssigned() ? Health.up().build() : Health.outOfService().build());
	}

}
