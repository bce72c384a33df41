package dev.boxoffice.browser;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat map page as people use it: two visitors watching each other's hold and booking
 * live, a declined card, the map by keyboard and screen reader, and a sold-out show.
 */
class SeatMapBrowserTest extends BrowserTest {

	private static final Duration LIVE = Duration.ofSeconds(2);

	@Test
	void aVisitorWatchingTheShowSeesAnotherVisitorsSeatsTurnHeldThenBookedWithinTwoSecondsEach() {
		Scene scene = this.data.scene();
		this.data.register("ada@example.com", "correct-horse", "Ada");
		Page watcher = visitor();
		openShow(watcher, scene.showId());
		awaitLiveFeed(watcher, scene.showId(), "A-10");
		screenshot(watcher, "watcher-opens-the-show");

		Page buyer = visitor();
		buyer.navigate(url("#/login?next=/shows/" + scene.showId()));
		buyer.getByTestId("login-email").fill("ada@example.com");
		buyer.getByTestId("login-password").fill("correct-horse");
		screenshot(buyer, "buyer-logs-in");
		buyer.getByTestId("login-submit").click();
		assertThat(buyer.getByTestId("user-name")).hasText("Ada");
		assertThat(buyer.getByTestId("connection-state")).hasAttribute("data-state", "live");

		seat(buyer, "B-5").click();
		seat(buyer, "B-6").click();
		assertThat(seat(buyer, "B-5")).hasAttribute("data-status", "SELECTED");
		assertThat(seat(buyer, "B-6")).hasAttribute("data-status", "SELECTED");
		assertThat(buyer.getByTestId("selection-summary")).containsText("B-5, B-6, 24.00 EUR");
		screenshot(buyer, "buyer-selects-two-seats");

		long held = System.nanoTime();
		buyer.getByTestId("hold-button").click();
		awaitStatus(watcher, "B-5", "HELD", held, LIVE);
		awaitStatus(watcher, "B-6", "HELD", held, LIVE);
		assertThat(buyer.getByTestId("countdown")).isVisible();
		assertThat(seat(buyer, "B-5")).hasAttribute("data-mine", "true");
		screenshot(buyer, "buyer-holds-them");
		screenshot(watcher, "watcher-sees-them-held");

		buyer.getByTestId("payment-token").selectOption("tok_ok");
		long paid = System.nanoTime();
		buyer.getByTestId("pay-button").click();
		awaitStatus(watcher, "B-5", "BOOKED", paid, LIVE);
		awaitStatus(watcher, "B-6", "BOOKED", paid, LIVE);
		assertThat(watcher.getByTestId("count-booked")).hasText("2");
		screenshot(watcher, "watcher-sees-them-booked");

		assertThat(buyer.getByTestId("booking-panel")).isVisible();
		assertThat(buyer.getByTestId("booking-seats")).hasText("B-5, B-6");
		assertThat(buyer.getByTestId("ticket-code")).hasText(Pattern.compile("^BT-[0-9A-Z-]+$"));
		// The QR image, loaded with the buyer's token, has been decoded by the browser.
		assertThat(buyer.getByTestId("ticket-image")).isVisible();
		org.assertj.core.api.Assertions
			.assertThat((Boolean) buyer.getByTestId("ticket-image")
				.evaluate("image => image.complete && image.naturalWidth > 0"))
			.isTrue();
		assertThat(seat(buyer, "B-5")).hasAttribute("data-status", "BOOKED");
		assertThat(buyer.getByTestId("hold-panel")).isHidden();
		screenshot(buyer, "buyer-has-the-booking");
		assertThat(this.data.count("select count(*) from bookings where status = 'CONFIRMED'")).isEqualTo(1);
	}

	@Test
	void aDeclinedPaymentIsShownAndTheHoldStaysSoTheVisitorCanPayAgain() {
		Scene scene = this.data.scene();
		Page page = visitor(this.data.userToken());
		openShow(page, scene.showId());
		seat(page, "C-7").click();
		page.getByTestId("hold-button").click();
		assertThat(page.getByTestId("hold-panel")).isVisible();
		screenshot(page, "holds-a-seat");

		page.getByTestId("payment-token").selectOption("tok_declined");
		page.getByTestId("pay-button").click();
		assertThat(page.getByTestId("payment-message")).containsText("declined");
		assertThat(page.getByTestId("hold-panel")).isVisible();
		assertThat(seat(page, "C-7")).hasAttribute("data-status", "HELD");
		String before = page.getByTestId("countdown").textContent();
		// Still counting down: the hold is kept for another try.
		assertThat(page.getByTestId("countdown")).not().hasText(before);
		screenshot(page, "payment-declined-hold-kept");

		page.getByTestId("payment-token").selectOption("tok_ok");
		page.getByTestId("pay-button").click();
		assertThat(page.getByTestId("booking-panel")).isVisible();
		assertThat(page.getByTestId("booking-seats")).hasText("C-7");
		assertThat(seat(page, "C-7")).hasAttribute("data-status", "BOOKED");
		screenshot(page, "paid-with-another-card");
		assertThat(this.data.count("select count(*) from bookings where status = 'CONFIRMED'")).isEqualTo(1);
	}

	@Test
	void seatButtonsAreNamedForScreenReadersAndTheMapWorksWithTheKeyboardAlone() {
		Scene scene = this.data.scene();
		this.data.book(this.data.userToken(), scene.showId(), "A-3");
		this.data.hold(this.data.userToken(), scene.showId(), "A-4");
		Page page = visitor(this.data.userToken());
		openShow(page, scene.showId());
		assertThat(seat(page, "A-3")).hasAttribute("data-status", "BOOKED");

		Page.GetByRoleOptions exact = new Page.GetByRoleOptions().setExact(true);
		assertThat(page.getByRole(AriaRole.BUTTON, exact.setName("Row A, seat 1, standard, 12.00 EUR, available")))
			.hasAttribute("data-seat-id", "A-1");
		assertThat(page.getByRole(AriaRole.BUTTON, exact.setName("Row A, seat 3, standard, 12.00 EUR, booked")))
			.hasAttribute("data-seat-id", "A-3");
		assertThat(page.getByRole(AriaRole.BUTTON, exact.setName("Row A, seat 4, standard, 12.00 EUR, held")))
			.hasAttribute("data-seat-id", "A-4");
		assertThat(page.getByRole(AriaRole.BUTTON, exact.setName("Row C, seat 10, premium, 18.00 EUR, available")))
			.hasAttribute("data-seat-id", "C-10");
		@SuppressWarnings("unchecked")
		List<String> names = (List<String>) page.locator("[data-seat-id]")
			.evaluateAll("seats => seats.map(seat => seat.getAttribute('aria-label'))");
		assertThat(names).hasSize(30)
			.allMatch((name) -> name
				.matches("Row [A-C], seat \\d+, (standard|premium), \\d+\\.\\d{2} EUR, (available|held|booked)"));

		// Tab reaches the map once (one seat is in the tab order), then arrows move.
		assertThat(page.locator("[data-seat-id][tabindex='0']")).hasCount(1);
		seat(page, "A-1").focus();
		page.keyboard().press("ArrowRight");
		assertFocused(page, "A-2");
		page.keyboard().press("ArrowRight");
		assertFocused(page, "A-3");
		page.keyboard().press("Enter");
		assertThat(seat(page, "A-3")).hasAttribute("data-status", "BOOKED");
		assertThat(page.getByTestId("seat-announcer")).hasText("Row A, seat 3 is booked.");
		page.keyboard().press("ArrowDown");
		assertFocused(page, "B-3");
		page.keyboard().press("Enter");
		assertThat(page.getByRole(AriaRole.BUTTON, exact.setName("Row B, seat 3, standard, 12.00 EUR, selected")))
			.hasAttribute("data-status", "SELECTED");
		page.keyboard().press("ArrowRight");
		assertFocused(page, "B-4");
		page.keyboard().press("Space");
		assertThat(seat(page, "B-4")).hasAttribute("data-status", "SELECTED");
		page.keyboard().press("Space");
		assertThat(seat(page, "B-4")).hasAttribute("data-status", "AVAILABLE");
		page.keyboard().press("End");
		assertFocused(page, "B-10");
		page.keyboard().press("ArrowDown");
		assertFocused(page, "C-10");
		page.keyboard().press("Home");
		assertFocused(page, "C-1");
		page.keyboard().press("ArrowUp");
		assertFocused(page, "B-1");
		assertThat(page.locator("[data-seat-id][tabindex='0']")).hasCount(1);
		screenshot(page, "keyboard-selects-B-3");

		// The hold button, by keyboard too.
		page.getByTestId("hold-button").focus();
		page.keyboard().press("Enter");
		assertThat(page.getByTestId("hold-panel")).isVisible();
		assertThat(page.getByRole(AriaRole.BUTTON, exact.setName("Row B, seat 3, standard, 12.00 EUR, held")))
			.hasAttribute("data-mine", "true");
		screenshot(page, "keyboard-holds-B-3");
	}

	@Test
	void aSoldOutShowOffersItsWaitingListInsteadOfSeats() {
		Scene scene = this.data.scene();
		for (String row : List.of("A", "B", "C")) {
			this.data.book(this.data.userToken(), scene.showId(),
					IntStream.rangeClosed(1, 10).mapToObj((n) -> row + "-" + n).toArray(String[]::new));
		}
		String token = this.data.userToken();
		Page page = visitor(token);
		openShow(page, scene.showId());
		assertThat(page.getByTestId("count-available")).hasText("0");
		assertThat(page.getByTestId("waitlist-join")).isVisible();
		assertThat(page.getByTestId("selection-panel")).isHidden();
		if (waitingListAnswers(token)) {
			page.getByTestId("waitlist-count").fill("2");
			page.getByTestId("waitlist-button").click();
			assertThat(page.getByTestId("waitlist-status")).containsText("number 1");
		}
		else {
			// The service has no waiting list yet (GET /waitlist is 404): the page says
			// so.
			assertThat(page.getByTestId("waitlist-join")).containsText("not available");
		}
		screenshot(page, "sold-out-waiting-list");
	}

	private boolean waitingListAnswers(String token) {
		return !this.client.get()
			.uri("/api/v1/waitlist")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.isSameCodeAs(HttpStatus.NOT_FOUND);
	}

	private static void assertFocused(Page page, String seatId) {
		assertThat(page.locator("[data-seat-id='" + seatId + "']")).isFocused();
	}

}
