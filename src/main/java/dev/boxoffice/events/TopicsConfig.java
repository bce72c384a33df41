package dev.boxoffice.events;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics are created at start-up (when missing) by Spring Kafka's admin. */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

	@Bean
	NewTopic bookingEvents(EventSettings settings) {
		return new NewTopic(Topics.BOOKING_EVENTS, settings.partitions(), settings.replicationFactor());
	}

	@Bean
	NewTopic seatEvents(EventSettings settings) {
		return new NewTopic(Topics.SEAT_EVENTS, settings.partitions(), settings.replicationFactor());
	}

	@Bean
	NewTopic bookingEventsDeadLetters(EventSettings settings) {
		return new NewTopic(Topics.BOOKING_EVENTS_DLT, 1, settings.replicationFactor());
	}

}
