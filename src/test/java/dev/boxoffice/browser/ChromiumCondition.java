package dev.boxoffice.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Browser tests run where a Chromium executable exists: {@code BOXOFFICE_CHROMIUM}, or
 * Debian's {@code /usr/bin/chromium}. Elsewhere they are skipped with one log line,
 * unless {@code BOXOFFICE_REQUIRE_BROWSER=true} (CI), where a missing browser must fail
 * the build rather than quietly test less.
 */
final class ChromiumCondition implements ExecutionCondition {

	static final String CHROMIUM_VARIABLE = "BOXOFFICE_CHROMIUM";

	static final String REQUIRE_VARIABLE = "BOXOFFICE_REQUIRE_BROWSER";

	static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Logger log = LoggerFactory.getLogger(ChromiumCondition.class);

	/** One line per test run, not one per class or method. */
	private static final AtomicBoolean announced = new AtomicBoolean();

	static Path chromium() {
		String configured = System.getenv(CHROMIUM_VARIABLE);
		return (configured == null || configured.isBlank()) ? DEFAULT_CHROMIUM : Path.of(configured);
	}

	static boolean available() {
		return Files.isRegularFile(chromium()) && Files.isExecutable(chromium());
	}

	static boolean required() {
		return "true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE));
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (available()) {
			return ConditionEvaluationResult.enabled("Chromium at " + chromium());
		}
		if (required()) {
			// Runs, and fails in BrowserTest.launch with the reason.
			return ConditionEvaluationResult.enabled(REQUIRE_VARIABLE + "=true");
		}
		String reason = "Browser tests skipped: no Chromium executable at " + chromium() + " (install chromium or set "
				+ CHROMIUM_VARIABLE + "; " + REQUIRE_VARIABLE + "=true turns this into a failure)";
		if (announced.compareAndSet(false, true)) {
			log.warn(reason);
		}
		return ConditionEvaluationResult.disabled(reason);
	}

}
