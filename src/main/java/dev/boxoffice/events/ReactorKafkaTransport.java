package dev.boxoffice.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * {@link EventTransport} on Reactor Kafka 1.3.25, the final release of a library
 * discontinued upstream in 2025. Settings come from Spring Boot's {@code spring.kafka.*},
 * so security and bootstrap servers are configured the standard way, and where to connect
 * from Spring Boot's {@link KafkaConnectionDetails}: the properties, or a service
 * connection (a container in the dev run) when there is one, as for Spring Kafka's own
 * clients (the topic admin).
 */
@Component
class ReactorKafkaTransport implements EventTransport, DisposableBean {

	private final KafkaProperties properties;

	private final KafkaConnectionDetails connection;

	private final ConsumerLag lag;

	private final Duration liveFetchMaxWait;

	private final KafkaSender<String, String> sender;

	ReactorKafkaTransport(KafkaProperties properties, KafkaConnectionDetails connection, ConsumerLag lag,
			EventSettings settings) {
		this.properties = properties;
		this.connection = connection;
		this.lag = lag;
		this.liveFetchMaxWait = settings.liveFetchMaxWait();
		Map<String, Object> producer = properties.buildProducerProperties();
		connect(producer, connection.getProducer());
		producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		// Every event acknowledged by all in-sync replicas, never duplicated by a
		// retry, and in order per partition (so per show).
		producer.put(ProducerConfig.ACKS_CONFIG, "all");
		producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// When the broker is away, fail within seconds and let the caller back off,
		// instead of a send waiting a minute for metadata.
		producer.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		producer.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		producer.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
		// The Kafka producer blocks while it fetches metadata: it runs on a
		// scheduler made for blocking work, never on an event loop.
		this.sender = KafkaSender.create(SenderOptions.<String, String>create(producer)
			.scheduler(Schedulers.boundedElastic())
			.maxInFlight(1024));
	}

	@Override
	public Mono<Void> send(List<OutgoingEvent> events) {
		if (events.isEmpty()) {
			return Mono.empty();
		}
		return this.sender
			.send(Flux.fromIterable(events)
				.map((event) -> SenderRecord.create(new ProducerRecord<>(event.topic(), event.key(), event.payload()),
						event.key())))
			.then();
	}

	@Override
	public Flux<IncomingEvent> receive(String group, Collection<String> topics, boolean fromLatest) {
		return receive(group, topics, fromLatest, (partition, position) -> {
		});
	}

	@Override
	public Flux<IncomingEvent> receive(String group, Collection<String> topics, boolean fromLatest,
			PartitionListener onAssigned) {
		Map<String, Object> consumer = consumerProperties(group, fromLatest);
		ReceiverOptions<String, String> options = ReceiverOptions.<String, String>create(consumer)
			.commitInterval(Duration.ofMillis(500))
			.addAssignListener((partitions) -> partitions.forEach(
					(partition) -> onAssigned.assigned(partition.topicPartition().partition(), partition.position())))
			.subscription(topics);
		KafkaReceiver<String, String> receiver = KafkaReceiver.create(options);
		return this.lag.measured(group, receiver,
				receiver.receive()
					.map((record) -> new IncomingEvent(record.topic(), record.key(), record.value(), record.partition(),
							record.offset(), record.receiverOffset()::acknowledge)));
	}

	/**
	 * A live view shows each change soon; the others take their events in batches. An
	 * idle consumer asks the broker again each time its fetch wait ends, so a short wait
	 * on every consumer kept an idle broker busy (docs/PERFORMANCE.md).
	 */
	Map<String, Object> consumerProperties(String group, boolean fromLatest) {
		Map<String, Object> consumer = this.properties.buildConsumerProperties();
		connect(consumer, this.connection.getConsumer());
		consumer.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromLatest ? "latest" : "earliest");
		consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		if (fromLatest) {
			consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) this.liveFetchMaxWait.toMillis());
		}
		return consumer;
	}

	private static void connect(Map<String, Object> client, KafkaConnectionDetails.Configuration where) {
		client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, where.getBootstrapServers());
		if (where.getSecurityProtocol() != null) {
			client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, where.getSecurityProtocol());
		}
	}

	/** Kafka's default partitioner for keyed records. */
	@Override
	public int partitionOf(String key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	@Override
	public void destroy() {
		this.sender.close();
	}

}
