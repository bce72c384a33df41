package dev.boxoffice.browser;

import java.time.Duration;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Holds of four seconds, swept every 100 ms: long enough to see a countdown in a browser,
 * short enough to watch it run out.
 */
@TestPropertySource(properties = { "boxoffice.holds.ttl=PT4S", "boxoffice.holds.sweep-interval=100ms" })
class HoldExpiryBrowserTest extends BrowserTest {

	@Test
	void whenTheCountdownRunsOutTheHoldIsDroppedAndAWatcherSeesTheSeatsAvailableAgain() {
		Scene scene = this.data.scene();
		Page watcher = visitor();
		openShow(watcher, scene.showId());
		awaitLiveFeed(watcher, scene.showId(), "A-10");

		Page holder = visitor(this.data.userToken());
		openShow(holder, scene.showId());
		seat(holder, "C-1").click();
		seat(holder, "C-2").click();
		holder.getByTestId("hold-button").click();
		assertThat(holder.getByTestId("countdown")).hasText(Pattern.compile("^0:0[0-4]$"));
		assertThat(seat(watcher, "C-1")).hasAttribute("data-status", "HELD");
		assertThat(seat(watcher, "C-2")).hasAttribute("data-status", "HELD");
		screenshot(holder, "holds-two-seats-for-four-seconds");
		screenshot(watcher, "watcher-sees-them-held");

		// The countdown reaches zero: the hold leaves the page and its seats are free.
		assertThat(holder.getByTestId("hold-expired"))
			.isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(8_000));
		long expired = System.nanoTime();
		assertThat(holder.getByTestId("hold-panel")).isHidden();
		assertThat(seat(holder, "C-1")).hasAttribute("data-status", "AVAILABLE");
		assertThat(seat(holder, "C-1")).not().hasAttribute("data-mine", "true");
		screenshot(holder, "countdown-ran-out");

		// One sweep (100 ms here) and one 250 ms coalescing window, and room to spare.
		awaitStatus(watcher, "C-1", "AVAILABLE", expired, Duration.ofSeconds(3));
		awaitStatus(watcher, "C-2", "AVAILABLE", expired, Duration.ofSeconds(3));
		assertThat(watcher.getByTestId("count-available")).hasText("30");
		screenshot(watcher, "watcher-sees-them-available-again");
	}

}
