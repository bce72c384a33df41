package dev.boxoffice.load;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.Assertion;

/**
 * The service-level targets a run must meet, as Gatling assertions: a run that misses one
 * ends with a failed status (and run.sh with a non-zero exit code).
 * <ul>
 * <li>{@code -DmaxKoPercent}: the most failed requests allowed, in percent of all.</li>
 * <li>{@code -Dp99Ms}: the 99th percentile of every named request's response time, in ms;
 * each simulation has its own default per request.</li>
 * </ul>
 */
final class Targets {

	private final double defaultMaxKoPercent;

	private final Map<String, Integer> p99Ms = new LinkedHashMap<>();

	private Targets(double defaultMaxKoPercent) {
		this.defaultMaxKoPercent = defaultMaxKoPercent;
	}

	static Targets failedAtMost(double percent) {
		return new Targets(percent);
	}

	/**
	 * A target for one request name. Only requests listed here get one: the time Gatling
	 * records for an SSE check is how long the user waited for an event, not a response
	 * time.
	 */
	Targets p99(String request, int defaultMillis) {
		this.p99Ms.put(request, defaultMillis);
		return this;
	}

	List<Assertion> assertions() {
		List<Assertion> assertions = new ArrayList<>();
		assertions.add(global().failedRequests().percent().lte(LoadSettings.decimal("maxKoPercent", this.defaultMaxKoPercent)));
		this.p99Ms.forEach((request, millis) -> assertions
			.add(details(request).responseTime().percentile(99.0).lte(LoadSettings.integer("p99Ms", millis))));
		return assertions;
	}

}
