package dev.boxoffice.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.Comparator;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints every thread of the JVM when a test fails, with the locks each holds and waits
 * for: most failures here that no single run reproduces are a thread that stopped (a
 * wedged scheduler worker, a drainer that no longer drains), and the CI log is all there
 * is afterwards. Registered for every test class (see {@code junit-platform.properties}).
 */
public class ThreadsOnFailure implements TestWatcher {

	private static final int FRAMES = 16;

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
		Arrays.sort(threads, Comparator.comparing(ThreadInfo::getThreadName));
		StringBuilder dump = new StringBuilder("Threads when ").append(context.getDisplayName())
			.append(" failed (")
			.append(threads.length)
			.append("):\n");
		for (ThreadInfo thread : threads) {
			dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
			if (thread.getLockName() != null) {
				dump.append(" on ").append(thread.getLockName());
			}
			if (thread.getLockOwnerName() != null) {
				dump.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
			}
			dump.append('\n');
			StackTraceElement[] stack = thread.getStackTrace();
			for (int i = 0; i < Math.min(FRAMES, stack.length); i++) {
				dump.append("\tat ").append(stack[i]).append('\n');
			}
			Arrays.stream(thread.getLockedSynchronizers())
				.forEach((lock) -> dump.append("\tholds ").append(lock).append('\n'));
		}
		System.out.println(dump);
	}

}
