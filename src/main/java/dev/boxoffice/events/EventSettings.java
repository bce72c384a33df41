package dev.boxoffice.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code boxoffice.events.*}: partitions and replication of the topics created at
 * start-up, how often the outbox relay looks for new rows when it is idle, and how long a
 * live view's fetch may wait for events ({@code liveFetchMaxWait}; the other consumers
 * wait {@code spring.kafka.consumer.fetch-max-wait}).
 */
@ConfigurationProperties("boxoffice.events")
public record EventSettings(int partitions, short replicationFactor, Duration relayInterval,
		Duration liveFetchMaxWait) {

	public EventSettings {
		if (partitions < 1) {
			partitions = 6;
		}
		if (replicationFactor < 1) {
			replicationFactor = 1;
		}
		if (relayInterval == null) {
			relayInterval = Duration.ofMillis(200);
		}
		if (liveFetchMaxWait == null) {
			liveFetchMaxWait = Duration.ofMillis(25);
		}
	}

}
