package dev.boxoffice.support;

import org.springframework.test.context.TestPropertySource;

/**
 * The full stack with holds that live one second and a payment provider that takes a
 * second and a half: slower than a hold, so expiry and late confirmations can be raced
 * for real.
 */
@TestPropertySource(properties = { "boxoffice.holds.ttl=PT1S", "boxoffice.holds.sweep-interval=100ms",
		"boxoffice.payment.latency=1500ms" })
public abstract class ShortHoldsApiTest extends ApiTest {

}
