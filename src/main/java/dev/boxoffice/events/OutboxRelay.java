package dev.boxoffice.events;

import java.util.List;

import dev.boxoffice.events.EventTransport.OutgoingEvent;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Publishes the outbox to the broker: at least once, in order, each event marked
 * published only after the broker acknowledged it. Every instance runs a relay (see
 * {@link EventsConfig}); the outbox lets one of them publish at a time. While the broker
 * is away the events wait and the relay backs off.
 */
@Component
class OutboxRelay {

	static final int BATCH = 500;

	private final Outbox outbox;

	private final EventTransport transport;

	OutboxRelay(Outbox outbox, EventTransport transport) {
		this.outbox = outbox;
		this.transport = transport;
	}

	/** Publishes one batch if this relay may; returns how many events it published. */
	Mono<Integer> relayBatch() {
		return this.outbox.publishNext(BATCH, this::send);
	}

	private Mono<Void> send(List<OutboxMessage> messages) {
		return this.transport.send(messages.stream()
			.map((message) -> new OutgoingEvent(message.topic(), message.key(), message.payload()))
			.toList());
	}

}
