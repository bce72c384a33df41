package dev.boxoffice.support;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which BlockHound reported a blocking call anywhere in the JVM,
 * whether or not the error reached the test: on a background thread it usually does not.
 * Registered for every test class (see {@code junit-platform.properties}); a call made
 * while a class stops its own instances fails that class, one made between tests the next
 * test.
 */
public class NoBlockingCalls implements AfterEachCallback, AfterAllCallback {

	@Override
	public void afterEach(ExtensionContext context) {
		failOnBlockingCalls("during " + context.getDisplayName());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		failOnBlockingCalls("while " + context.getDisplayName() + " started or stopped");
	}

	private static void failOnBlockingCalls(String when) {
		List<BlockingCalls.Seen> seen = BlockingCalls.takeAll();
		if (!seen.isEmpty()) {
			throw new AssertionError(seen.size() + " blocking call(s) " + when + ":\n"
					+ seen.stream().map(BlockingCalls.Seen::toString).collect(Collectors.joining("\n\n")));
		}
	}

}
