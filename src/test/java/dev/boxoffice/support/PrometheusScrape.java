package dev.boxoffice.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.test.web.reactive.server.WebTestClient;

/** One scrape of {@code /actuator/prometheus}, in the text exposition format. */
public final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final List<Sample> samples;

	private PrometheusScrape(List<Sample> samples) {
		this.samples = samples;
	}

	/**
	 * What Prometheus would scrape now from the management port {@code managementPort}.
	 */
	public static PrometheusScrape from(int managementPort) {
		return parse(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + managementPort)
			// Each request route and status has its histogram buckets: a scrape is large.
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build()
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	public static PrometheusScrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			Matcher sample = SAMPLE.matcher(line);
			if (line.startsWith("#") || !sample.find()) {
				continue;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(3) != null) {
				Matcher label = LABEL.matcher(sample.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
		}
		return new PrometheusScrape(samples);
	}

	public boolean has(String name) {
		return this.samples.stream().anyMatch((sample) -> sample.name().equals(name));
	}

	/** The names of all series. */
	public Set<String> names() {
		return this.samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
	}

	/** The values label {@code label} takes on the series {@code name}. */
	public Set<String> labelValues(String name, String label) {
		Set<String> values = new TreeSet<>();
		this.samples.stream()
			.filter((sample) -> sample.name().equals(name) && sample.labels().containsKey(label))
			.forEach((sample) -> values.add(sample.labels().get(label)));
		return values;
	}

	/** The sum of the series {@code name} whose labels include {@code labels} (pairs). */
	public double value(String name, String... labels) {
		double sum = 0;
		for (Sample sample : this.samples) {
			if (sample.name().equals(name) && sample.matches(labels)) {
				sum += sample.value();
			}
		}
		return sum;
	}

	/** How much {@link #value} grew since {@code earlier}. */
	public double increase(PrometheusScrape earlier, String name, String... labels) {
		return value(name, labels) - earlier.value(name, labels);
	}

	private record Sample(String name, Map<String, String> labels, double value) {

		boolean matches(String... pairs) {
			for (int i = 0; i + 1 < pairs.length; i += 2) {
				if (!pairs[i + 1].equals(this.labels.get(pairs[i]))) {
					return false;
				}
			}
			return true;
		}

	}

}
