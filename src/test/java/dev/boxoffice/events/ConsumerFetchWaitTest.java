package dev.boxoffice.events;

import dev.boxoffice.support.ApiTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as configured: the live seat feed fetches its events within 25 ms, the
 * consumers that must see every event (waiting list, notifications) wait up to 250 ms for
 * a batch, so that idle consumers do not keep the broker busy. Both also wait for 64 KiB.
 */
class ConsumerFetchWaitTest extends ApiTest {

	@Autowired
	private ReactorKafkaTransport transport;

	@Test
	void liveViewsFetchPromptlyAndTheOtherConsumersInBatches() {
		assertThat(this.transport.consumerProperties("boxoffice-live-x", true))
			.containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 25)
			.containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024)
			.containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		assertThat(this.transport.consumerProperties("boxoffice-waitlist", false))
			.containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250)
			.containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024)
			.containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
	}

}
