package dev.boxoffice.support;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node KRaft Kafka broker inside the test JVM. */
public final class EmbeddedKafka {

	private EmbeddedKafka() {
	}

	/**
	 * Starts a broker; {@code port} 0 picks a free one. A broker stopped with
	 * {@code destroy()} can be started again on the same port to rehearse an outage.
	 */
	public static EmbeddedKafkaKraftBroker start(int port) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
		// A single node must not wait for replicas that will never exist, or transactions
		// and consumer offsets hang.
		broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr",
				"1", "offsets.topic.replication.factor", "1", "auto.create.topics.enable", "true",
				"group.initial.rebalance.delay.ms", "0"));
		if (port > 0) {
			broker.kafkaPorts(port);
		}
		broker.afterPropertiesSet();
		Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
		return broker;
	}

}
