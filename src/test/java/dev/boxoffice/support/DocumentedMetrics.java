package dev.boxoffice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The domain metrics as docs/OPERATIONS.md documents them: the rows of its table between
 * {@code <!-- metrics:begin -->} and {@code <!-- metrics:end -->}, with the metric's
 * Prometheus name (first column), its type (second) and its tags with their values
 * (third: {@code `tag`: `value`, `value`}; a tag without values lists none).
 */
public final class DocumentedMetrics {

	private static final Pattern ROW = Pattern
		.compile("^\\|\\s*`([a-z_:][a-z0-9_:]*)`\\s*\\|\\s*([a-z]+)\\s*\\|([^|]*)\\|", Pattern.MULTILINE);

	private static final Pattern TAG = Pattern.compile("`([a-z_]+)`(\\s*:((?:\\s*,?\\s*`[^`]+`)+))?");

	private static final Pattern VALUE = Pattern.compile("`([^`]+)`");

	private DocumentedMetrics() {
	}

	public static List<Metric> read() {
		String operations = text(Path.of("docs/OPERATIONS.md"));
		int begin = operations.indexOf("<!-- metrics:begin -->");
		int end = operations.indexOf("<!-- metrics:end -->");
		if (begin < 0 || end < begin) {
			throw new IllegalStateException("docs/OPERATIONS.md has no <!-- metrics:begin/end --> markers");
		}
		List<Metric> metrics = new ArrayList<>();
		Matcher row = ROW.matcher(operations.substring(begin, end));
		while (row.find()) {
			metrics.add(new Metric(row.group(1), row.group(2), tags(row.group(3))));
		}
		return metrics;
	}

	private static Map<String, List<String>> tags(String column) {
		Map<String, List<String>> tags = new LinkedHashMap<>();
		Matcher tag = TAG.matcher(column);
		while (tag.find()) {
			List<String> values = new ArrayList<>();
			if (tag.group(3) != null) {
				Matcher value = VALUE.matcher(tag.group(3));
				while (value.find()) {
					values.add(value.group(1));
				}
			}
			tags.put(tag.group(1), values);
		}
		return tags;
	}

	private static String text(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One documented metric; {@code type} is counter, gauge or histogram. */
	public record Metric(String name, String type, Map<String, List<String>> tags) {

		/**
		 * The series a scrape shows it by: a histogram by its buckets, anything else by
		 * its name.
		 */
		public String series() {
			return "histogram".equals(this.type) ? this.name + "_bucket" : this.name;
		}

	}

}
