package dev.boxoffice;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves the guard is live: if BlockHound were not installed, every other test would
 * prove nothing.
 */
class BlockHoundIsInstalledTest {

	@Test
	void aBlockingCallOnANonBlockingThreadFails() {
		assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}).subscribeOn(Schedulers.parallel()).block()).hasCauseInstanceOf(BlockingOperationError.class);
	}

}
