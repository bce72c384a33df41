package dev.boxoffice.support;

import java.util.Collection;

import dev.boxoffice.events.EventTransport;
import reactor.core.publisher.Flux;

/**
 * A broker for tests of what is sent: nothing is ever received, and every show's events
 * are in partition 0.
 */
public abstract class SendOnlyTransport implements EventTransport {

	@Override
	public Flux<IncomingEvent> receive(String group, Collection<String> topics, boolean fromLatest) {
		return Flux.never();
	}

	@Override
	public Flux<IncomingEvent> receive(String group, Collection<String> topics, boolean fromLatest,
			PartitionListener onAssigned) {
		return Flux.never();
	}

	@Override
	public int partitionOf(String key, int partitions) {
		return 0;
	}

}
