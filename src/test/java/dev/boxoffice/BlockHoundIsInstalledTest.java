package dev.boxoffice;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.boxoffice.support.BlockingCalls;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves the guard is live: if BlockHound were not installed, every other test would
 * prove nothing; and what it allows really does not wait.
 */
class BlockHoundIsInstalledTest {

	@Test
	void aBlockingCallOnANonBlockingThreadFailsAndIsKept() {
		assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(30)))
			.hasCauseInstanceOf(BlockingOperationError.class);
		// Taken here, so that NoBlockingCalls does not fail this test for it.
		assertThat(BlockingCalls.takeAll()).singleElement()
			.satisfies((seen) -> assertThat(seen.method()).contains("java.lang.Thread.sleep"))
			.satisfies((seen) -> assertThat(seen.thread()).startsWith("parallel-"));
	}

	/**
	 * A seat stream's keep-alive ticks on a parallel worker; when its client leaves, the
	 * event loop cancels it while that worker's queue is busy with other timers. Many
	 * times over, so that the cancellation meets a held queue lock.
	 */
	@Test
	void cancellingAPeriodicTaskWhileItsWorkerIsBusyIsNotABlockingCall() throws InterruptedException {
		Scheduler ticking = Schedulers.newParallel("ticking", 1);
		Scheduler eventLoop = Schedulers.newParallel("cancelling", 1);
		AtomicBoolean cancelling = new AtomicBoolean(true);
		Thread timers = new Thread(() -> {
			while (cancelling.get()) {
				ticking.schedule(() -> {
				}, 1, TimeUnit.MILLISECONDS);
			}
		});
		timers.setDaemon(true);
		AtomicInteger failures = new AtomicInteger();
		try {
			timers.start();
			Mono.fromRunnable(() -> {
				for (int i = 0; i < 20_000; i++) {
					Disposable keepAlive = Flux.interval(Duration.ofMillis(1), ticking).subscribe();
					try {
						keepAlive.dispose();
					}
					catch (RuntimeException failure) {
						failures.incrementAndGet();
					}
				}
			}).subscribeOn(eventLoop).block(Duration.ofSeconds(60));
		}
		finally {
			cancelling.set(false);
			// Joined before its scheduler goes, which would refuse its next timer; a
			// broken queue lock would keep it waiting, hence the bound.
			timers.join(5_000);
			ticking.dispose();
			eventLoop.dispose();
		}
		List<BlockingCalls.Seen> seen = BlockingCalls.takeAll();
		assertThat(seen).as("blocking calls reported").isEmpty();
		assertThat(failures).as("cancellations that failed").hasValue(0);
	}

}
