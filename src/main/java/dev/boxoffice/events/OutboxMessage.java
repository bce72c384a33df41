package dev.boxoffice.events;

/**
 * A domain event on its way to Kafka, written to the outbox in the transaction of the
 * change it announces. Its payload is the event's JSON as the owning feature's codec
 * wrote it, carrying an {@code eventId} by which consumers drop duplicates.
 */
public record OutboxMessage(String topic, String key, String type, String payload) {

}
