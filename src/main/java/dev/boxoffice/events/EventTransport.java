package dev.boxoffice.events;

import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The port between BoxOffice and its message broker. Only {@link ReactorKafkaTransport}
 * knows which client library is behind it: moving from Reactor Kafka (discontinued
 * upstream in 2025) to Spring Kafka's {@code KafkaTemplate} or plain kafka-clients is one
 * class.
 */
public interface EventTransport {

	/** Sends in order and completes when the broker has acknowledged every record. */
	Mono<Void> send(List<OutgoingEvent> events);

	/**
	 * Records of {@code topics} for consumer group {@code group}. A record's offset is
	 * committed only after {@link IncomingEvent#acknowledge()}, so an unacknowledged
	 * record is delivered again after a restart: consumers must be idempotent.
	 * @param fromLatest a live view: a new group starts at the end of the topics, and
	 * events are fetched promptly; otherwise the consumer must see everything, starts at
	 * the beginning and may take its events in larger, later batches
	 */
	Flux<IncomingEvent> receive(String group, Collection<String> topics, boolean fromLatest);

	/**
	 * As {@link #receive(String, Collection, boolean)}, and tells {@code onAssigned} the
	 * position each assigned partition starts from, so a live view knows which events it
	 * has not seen.
	 */
	Flux<IncomingEvent> receive(String group, Collection<String> topics, boolean fromLatest,
			PartitionListener onAssigned);

	/**
	 * The partition a record with this key goes to when the topic has {@code partitions}
	 * partitions, as the producer chooses it: a live view that knows one show's partition
	 * knows which of its positions to trust.
	 */
	int partitionOf(String key, int partitions);

	@FunctionalInterface
	interface PartitionListener {

		void assigned(int partition, long position);

	}

	record OutgoingEvent(String topic, String key, String payload) {
	}

	/** A consumed record; {@code position} orders the events of one key (one show). */
	record IncomingEvent(String topic, String key, String payload, int partition, long position,
			Runnable acknowledgement) {

		public void acknowledge() {
			this.acknowledgement.run();
		}

	}

}
