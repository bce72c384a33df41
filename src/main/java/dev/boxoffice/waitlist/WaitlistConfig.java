package dev.boxoffice.waitlist;

import java.time.Duration;
import java.util.List;

import dev.boxoffice.BackgroundLoop;
import dev.boxoffice.events.EventTransport;
import dev.boxoffice.events.Topics;
import dev.boxoffice.seating.SeatChangeCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WaitlistConfig {

	private static final Logger log = LoggerFactory.getLogger(WaitlistConfig.class);

	/**
	 * Seat changes, in one consumer group across instances: a show's changes arrive in
	 * order at one instance, which offers its freed seats within moments. Offsets are
	 * committed after handling, so a crash hands the change to the next owner.
	 */
	@Bean
	BackgroundLoop waitlistSeatChanges(EventTransport transport, WaitlistService waitlist) {
		return BackgroundLoop.consuming("Waiting list: seat changes",
				() -> transport.receive("boxoffice-waitlist", List.of(Topics.SEAT_EVENTS), false)
					.concatMap((event) -> Mono.justOrEmpty(SeatChangeCodec.decode(event.payload()))
						.flatMap(waitlist::onSeatChange)
						.onErrorResume((failure) -> {
							log.warn("Could not act on a seat change at {}-{}; the scan catches up", event.partition(),
									event.position(), failure);
							return Mono.empty();
						})
						.doOnTerminate(event::acknowledge)),
				Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	/** The waiting count, read every few seconds. */
	@Bean
	BackgroundLoop waitlistWaitingGauge(WaitlistMetrics metrics) {
		return BackgroundLoop.repeating("Waiting list gauge", Duration.ofSeconds(5), metrics::refresh,
				Duration.ofSeconds(30));
	}

	/**
	 * What events missed (an instance down, a lost release): caught up every few seconds.
	 */
	@Bean
	BackgroundLoop waitlistScan(WaitlistService waitlist, WaitlistSettings settings) {
		return BackgroundLoop.repeating("Waiting list: scan", settings.scanInterval(),
				() -> waitlist.scan().thenReturn(false), Duration.ofSeconds(30));
	}

}
