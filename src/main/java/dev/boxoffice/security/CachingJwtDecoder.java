package dev.boxoffice.security;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers tokens it has verified. A client sends the same token with every request of
 * its session, and verifying it (an HMAC and a JSON parse) was a tenth of a hold's CPU. A
 * remembered token is only the same string that was verified; it is used until it
 * expires, and never after.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

	private static final int MAX_TOKENS = 50_000;

	private static final Duration REMEMBERED_FOR = Duration.ofMinutes(10);

	private final ReactiveJwtDecoder verifier;

	private final Clock clock;

	private final Cache<String, Jwt> verified = Caffeine.newBuilder()
		.maximumSize(MAX_TOKENS)
		.expireAfterWrite(REMEMBERED_FOR)
		.build();

	CachingJwtDecoder(ReactiveJwtDecoder verifier, Clock clock) {
		this.verifier = verifier;
		this.clock = clock;
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Jwt known = this.verified.getIfPresent(token);
		if (known != null && known.getExpiresAt() != null && known.getExpiresAt().isAfter(this.clock.instant())) {
			return Mono.just(known);
		}
		return this.verifier.decode(token).doOnNext((jwt) -> this.verified.put(token, jwt));
	}

}
