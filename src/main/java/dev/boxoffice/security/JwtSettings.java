package dev.boxoffice.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code boxoffice.jwt.*}. The secret has no default on purpose: tokens signed with a
 * well-known key would let anyone mint an ADMIN token, so the service refuses to start
 * without a secret of at least 32 bytes (HS256 needs a 256-bit key). The dev and test
 * runs set one.
 */
@ConfigurationProperties("boxoffice.jwt")
public record JwtSettings(String secret, Duration ttl) {

	static final int MIN_SECRET_BYTES = 32;

	public JwtSettings {
		if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
			throw new IllegalStateException("BOXOFFICE_JWT_SECRET must be set to a secret of at least "
					+ MIN_SECRET_BYTES + " bytes; the service will not sign tokens with a weak or missing key");
		}
		if (ttl == null) {
			ttl = Duration.ofHours(1);
		}
	}

	SecretKey key() {
		return new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	@Override
	public String toString() {
		return "JwtSettings[secret=<hidden>, ttl=" + this.ttl + "]";
	}

}
