package dev.boxoffice.waitlist;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code boxoffice.waitlist.*}: how long an offer lasts
 * ({@code BOXOFFICE_WAITLIST_OFFER_TTL}, ISO-8601, default 15 minutes) and how often
 * every instance looks over the shows people wait for, to catch what an event did not
 * bring.
 */
@ConfigurationProperties("boxoffice.waitlist")
public record WaitlistSettings(Duration offerTtl, Duration scanInterval) {

	public WaitlistSettings {
		if (offerTtl == null || offerTtl.isNegative() || offerTtl.isZero()) {
			throw new IllegalStateException(
					"BOXOFFICE_WAITLIST_OFFER_TTL must be a positive ISO-8601 duration, such as PT15M");
		}
		if (scanInterval == null) {
			scanInterval = Duration.ofSeconds(5);
		}
	}

}
