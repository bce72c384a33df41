package dev.boxoffice.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's parameters, read from JVM system properties ({@code -Dname=value}): run.sh passes
 * them to each Gatling process, and Maven passes its own {@code -D} options on to the
 * process that gatling:test starts. Every simulation names the properties it reads in its
 * Javadoc; the defaults suit one service instance on 127.0.0.1:8080.
 */
final class LoadSettings {

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

	private LoadSettings() {
	}

	/** {@code baseUrls}: comma-separated; each virtual user sticks to one, round-robin. */
	static List<String> baseUrls() {
		return list("baseUrls", "http://127.0.0.1:8080");
	}

	/** {@code users}: virtual users this process starts. */
	static int users(int fallback) {
		return integer("users", fallback);
	}

	/** {@code ramp}: how long it takes for all users to arrive; 0 means all at once. */
	static Duration ramp(Duration fallback) {
		return duration("ramp", fallback);
	}

	/** {@code duration}: how long each user keeps going once it has arrived. */
	static Duration duration(Duration fallback) {
		return duration("duration", fallback);
	}

	/** {@code showIds}: the shows to book, comma-separated (run.sh provisions them). */
	static List<String> showIds() {
		List<String> ids = list("showIds", "");
		if (ids.isEmpty()) {
			throw new IllegalStateException(
					"-DshowIds=<uuid>[,<uuid>...] is required: the shows this simulation books (run.sh provisions them)");
		}
		return ids;
	}

	/** {@code usersFile}: CSV with an {@code email} column, users provisioned before the run. */
	static String usersFile() {
		return string("usersFile", "target/load-users.csv");
	}

	/** {@code password}: the one password every provisioned user has. */
	static String password() {
		return string("password", "load-test-password");
	}

	/** {@code thinkMin} / {@code thinkMax}: a user's pause between two steps. */
	static Duration thinkMin(Duration fallback) {
		return duration("thinkMin", fallback);
	}

	static Duration thinkMax(Duration fallback) {
		return duration("thinkMax", fallback);
	}

	static String string(String name, String fallback) {
		String value = System.getProperty(name);
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

	static List<String> list(String name, String fallback) {
		return Arrays.stream(string(name, fallback).split(","))
			.map(String::trim)
			.filter((item) -> !item.isEmpty())
			.toList();
	}

	static int integer(String name, int fallback) {
		String value = string(name, null);
		try {
			return (value != null) ? Integer.parseInt(value) : fallback;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("-D" + name + " must be an integer, not '" + value + "'");
		}
	}

	static double decimal(String name, double fallback) {
		String value = string(name, null);
		try {
			return (value != null) ? Double.parseDouble(value) : fallback;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("-D" + name + " must be a number, not '" + value + "'");
		}
	}

	/** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds. */
	static Duration duration(String name, Duration fallback) {
		String value = string(name, null);
		if (value == null) {
			return fallback;
		}
		Matcher matcher = DURATION.matcher(value);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"-D" + name + " must be a duration such as 30s, 500ms, 2m or 1h, not '" + value + "'");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

}
