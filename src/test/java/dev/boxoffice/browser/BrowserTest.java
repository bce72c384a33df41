package dev.boxoffice.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The web front in a real browser against the full stack of {@link ApiTest}: Debian's
 * Chromium driven by Playwright, which is told never to download a browser of its own.
 * Each test opens one browser context per visitor (separate storage, as separate people
 * have) and saves a screenshot of every step under {@code target/browser-screenshots}.
 */
@ExtendWith(ChromiumCondition.class)
abstract class BrowserTest extends ApiTest {

	private static final Logger log = LoggerFactory.getLogger(BrowserTest.class);

	static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

	/**
	 * Seat statuses travel through Kafka; the first ones of a fresh context may be slow.
	 */
	private static final Duration FEED_WARM_UP = Duration.ofSeconds(30);

	private static Playwright playwright;

	private static Browser browser;

	@LocalServerPort
	private int port;

	private final List<BrowserContext> contexts = new ArrayList<>();

	/** Uncaught errors of the page's scripts: any of them fails the test. */
	private final List<String> pageErrors = new CopyOnWriteArrayList<>();

	private String testName;

	private int step;

	@BeforeAll
	static void launch() {
		if (!ChromiumCondition.available()) {
			fail(ChromiumCondition.REQUIRE_VARIABLE + "=true but there is no Chromium executable at "
					+ ChromiumCondition.chromium() + " (install chromium or set " + ChromiumCondition.CHROMIUM_VARIABLE
					+ ")");
		}
		playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(ChromiumCondition.chromium())
				.setHeadless(true)
				.setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--no-first-run")));
		// Slow on a busy 2-core machine; a wait that matters sets its own timeout.
		PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
		log.info("Browser tests use Chromium {} at {}", browser.version(), ChromiumCondition.chromium());
	}

	@AfterAll
	static void quit() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
		if (playwright != null) {
			playwright.close();
			playwright = null;
		}
	}

	@BeforeEach
	void nameScreenshots(TestInfo test) {
		this.testName = test.getTestMethod().map((method) -> method.getName()).orElse("test");
		this.step = 0;
		this.pageErrors.clear();
	}

	@AfterEach
	void closeVisitors() {
		this.contexts.forEach(BrowserContext::close);
		this.contexts.clear();
		if (!this.pageErrors.isEmpty()) {
			fail("The page's scripts failed: " + this.pageErrors);
		}
	}

	/** A visitor who is not logged in. */
	protected Page visitor() {
		return visitor(null);
	}

	/**
	 * A visitor logged in with {@code token}, put where the page keeps it
	 * (sessionStorage) before any script runs: the login form is tested once, not paid
	 * for by every test.
	 */
	protected Page visitor(String token) {
		BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
		this.contexts.add(context);
		if (token != null) {
			context.addInitScript("sessionStorage.setItem('boxoffice.token', '" + token + "')");
		}
		Page page = context.newPage();
		page.setDefaultTimeout(15_000);
		page.onPageError((error) -> this.pageErrors.add(error));
		page.onConsoleMessage((message) -> {
			if ("error".equals(message.type())) {
				log.info("Browser console: {}", message.text());
			}
		});
		return page;
	}

	protected String url(String fragment) {
		return "http://127.0.0.1:" + this.port + "/" + fragment;
	}

	/** Opens {@code /#/shows/{showId}} and waits for the live seat map. */
	protected void openShow(Page page, String showId) {
		page.navigate(url("#/shows/" + showId));
		assertThat(page.getByTestId("connection-state")).hasAttribute("data-state", "live");
		assertThat(page.locator("[data-seat-id]").first()).isVisible();
	}

	protected static Locator seat(Page page, String seatId) {
		return page.locator("[data-seat-id='" + seatId + "']");
	}

	/**
	 * Waits until the seat shows {@code status}, failing unless it does within
	 * {@code within} of {@code sinceNanos} (a {@link System#nanoTime()} before the
	 * action).
	 */
	protected static void awaitStatus(Page page, String seatId, String status, long sinceNanos, Duration within) {
		long left = within.toMillis() - Duration.ofNanos(System.nanoTime() - sinceNanos).toMillis();
		assertThat(seat(page, seatId)).hasAttribute("data-status", status,
				new LocatorAssertions.HasAttributeOptions().setTimeout(Math.max(left, 1)));
		log.info("{} showed {} after {} ms (allowed {} ms)", seatId, status,
				Duration.ofNanos(System.nanoTime() - sinceNanos).toMillis(), within.toMillis());
	}

	/**
	 * Holds and releases a seat through the API and waits for {@code watcher} to see
	 * both: afterwards the feed from Kafka to this page is known to be flowing, so the
	 * timed steps of a test measure the service, not a consumer still joining its group.
	 */
	protected void awaitLiveFeed(Page watcher, String showId, String seatId) {
		String token = this.data.userToken();
		String holdId = this.data.hold(token, showId, seatId);
		assertThat(seat(watcher, seatId)).hasAttribute("data-status", "HELD",
				new LocatorAssertions.HasAttributeOptions().setTimeout(FEED_WARM_UP.toMillis()));
		this.client.delete()
			.uri("/api/v1/holds/" + holdId)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isNoContent();
		assertThat(seat(watcher, seatId)).hasAttribute("data-status", "AVAILABLE",
				new LocatorAssertions.HasAttributeOptions().setTimeout(FEED_WARM_UP.toMillis()));
	}

	/**
	 * Saves the page as
	 * {@code target/browser-screenshots/<class>/<test>-<nn>-<step>.png}.
	 */
	protected void screenshot(Page page, String stepName) {
		Path file = SCREENSHOTS.resolve(getClass().getSimpleName())
			.resolve(String.format("%s-%02d-%s.png", this.testName, ++this.step, stepName));
		try {
			Files.createDirectories(file.getParent());
		}
		catch (IOException failure) {
			throw new IllegalStateException(failure);
		}
		page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
	}

}
