package dev.boxoffice.live;

import java.util.Collection;
import java.util.List;

import dev.boxoffice.events.EventTransport.PartitionListener;
import dev.boxoffice.events.EventTransport.IncomingEvent;
import dev.boxoffice.events.EventTransport.OutgoingEvent;
import dev.boxoffice.support.SendOnlyTransport;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness waits for the live seat feed: out of service until the broker assigns it its
 * partitions, up from then on.
 */
class SeatFeedHealthTest {

	@Test
	void outOfServiceUntilTheFeedHasItsPartitions() {
		Sinks.One<PartitionListener> joined = Sinks.one();
		SeatFeed feed = new SeatFeed(new SendOnlyTransport() {
			@Override
			public Flux<IncomingEvent> receive(String group, Collection<String> topics, boolean fromLatest,
					PartitionListener onAssigned) {
				joined.tryEmitValue(onAssigned);
				return Flux.never();
			}

			@Override
			public Mono<Void> send(List<OutgoingEvent> events) {
				return Mono.empty();
			}
		}, JsonMapper.builder().build());
		SeatFeedHealth health = new SeatFeedHealth(feed);
		feed.loop().start();

		assertThat(health.health().block().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		joined.asMono().block().assigned(0, 42);
		assertThat(health.health().block().getStatus()).isEqualTo(Status.UP);
	}

}
