package dev.boxoffice.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;

import org.springframework.stereotype.Component;

/**
 * How many records each consumer of this instance is behind, as the gauge
 * {@code boxoffice.events.consumer.lag} tagged with the consumer's group. A group made
 * unique per instance (the live seat feed's, which ends in a random UUID) is named by its
 * stem, so restarts do not make new series. The lag is the sum over the consumer's
 * partitions of Kafka's own {@code records-lag} (the partition's end offset at the last
 * fetch minus the consumer's position), read on the consumer's thread: nothing waits on
 * the broker, and no event-loop thread touches the consumer.
 */
@Component
class ConsumerLag {

	private static final Pattern INSTANCE_SUFFIX = Pattern
		.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

	private final MeterRegistry meters;

	private final Map<String, Measured> consumers = new ConcurrentHashMap<>();

	ConsumerLag(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * {@code records} of {@code receiver}, whose lag is measured for as long as they are
	 * consumed.
	 */
	<T> Flux<T> measured(String group, KafkaReceiver<?, ?> receiver, Flux<T> records) {
		Measured measured = this.consumers.computeIfAbsent(nameOf(group), this::register);
		return records.doOnSubscribe((subscription) -> measured.receiver.set(receiver))
			.doFinally((signal) -> measured.receiver.compareAndSet(receiver, null));
	}

	/**
	 * Reads every consumer's lag once; a consumer not polling yet keeps its last value.
	 */
	Mono<Boolean> refresh() {
		return Flux.fromIterable(this.consumers.values()).concatMap((measured) -> {
			KafkaReceiver<?, ?> receiver = measured.receiver.get();
			if (receiver == null) {
				return Mono.empty();
			}
			return receiver.doOnConsumer(ConsumerLag::lagOf)
				.doOnNext(measured.lag::set)
				.onErrorResume((notReady) -> Mono.empty());
		}).then(Mono.just(false));
	}

	/** The group's name without a per-instance suffix. */
	static String nameOf(String group) {
		return INSTANCE_SUFFIX.matcher(group).replaceFirst("");
	}

	private Measured register(String consumer) {
		Measured measured = new Measured(new AtomicLong(), new AtomicReference<>());
		Gauge.builder("boxoffice.events.consumer.lag", measured.lag, AtomicLong::get)
			.description("Records a consumer of this instance is behind")
			.tag("consumer", consumer)
			.register(this.meters);
		return measured;
	}

	/** Kafka's per-partition lag metrics of this consumer, added up. */
	private static long lagOf(Consumer<?, ?> consumer) {
		long lag = 0;
		for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
			MetricName name = metric.getKey();
			if ("records-lag".equals(name.name()) && name.tags().containsKey("partition")
					&& metric.getValue().metricValue() instanceof Number value
					&& Double.isFinite(value.doubleValue())) {
				lag += Math.max(0, value.longValue());
			}
		}
		return lag;
	}

	private record Measured(AtomicLong lag, AtomicReference<KafkaReceiver<?, ?>> receiver) {
	}

}
