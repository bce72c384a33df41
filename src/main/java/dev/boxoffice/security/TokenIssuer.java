package dev.boxoffice.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Signs access tokens: subject = user id, {@code roles} = the user's role. */
@Component
public class TokenIssuer {

	static final String ROLES_CLAIM = "roles";

	private final JwtEncoder encoder;

	private final JwtSettings settings;

	private final Clock clock;

	TokenIssuer(JwtEncoder encoder, JwtSettings settings, Clock clock) {
		this.encoder = encoder;
		this.settings = settings;
		this.clock = clock;
	}

	public AccessToken issue(UUID userId, String email, String role) {
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("boxoffice")
			.subject(userId.toString())
			.issuedAt(now)
			.expiresAt(now.plus(this.settings.ttl()))
			.claim("email", email)
			.claim(ROLES_CLAIM, List.of(role))
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new AccessToken(token, "Bearer", this.settings.ttl().toSeconds());
	}

	/** The body of a successful login. */
	public record AccessToken(String accessToken, String tokenType, long expiresIn) {
	}

}
