package dev.boxoffice.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import reactor.blockhound.BlockingMethod;

/**
 * Every blocking call BlockHound has reported in this JVM and no test has accounted for
 * yet. BlockHound reports a call by throwing in the thread that made it; on an event loop
 * or a background task that error often ends in a log line while the test goes on, so
 * {@link NoBlockingCalls} fails the test during which one was reported.
 */
public final class BlockingCalls {

	private static final Queue<Seen> SEEN = new ConcurrentLinkedQueue<>();

	private BlockingCalls() {
	}

	/** Called by BlockHound on the thread about to block: must not block itself. */
	static void seen(BlockingMethod method) {
		Thread thread = Thread.currentThread();
		SEEN.add(new Seen(method.toString(), thread.getName(), thread.getStackTrace()));
	}

	/** The calls reported since the last time this was asked, now accounted for. */
	public static List<Seen> takeAll() {
		List<Seen> taken = new ArrayList<>();
		for (Seen seen = SEEN.poll(); seen != null; seen = SEEN.poll()) {
			taken.add(seen);
		}
		return taken;
	}

	/** A blocking call: which method, on which thread, called from where. */
	public record Seen(String method, String thread, StackTraceElement[] stack) {

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder(this.method).append(" on ").append(this.thread);
			for (StackTraceElement frame : this.stack) {
				text.append("\n\tat ").append(frame);
			}
			return text.toString();
		}

	}

}
