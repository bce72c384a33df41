package dev.boxoffice.security;

import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, read from a verified token. */
public record Caller(UUID userId, boolean admin) {

	public static Caller of(Jwt token) {
		List<String> roles = token.getClaimAsStringList(TokenIssuer.ROLES_CLAIM);
		return new Caller(UUID.fromString(token.getSubject()), roles != null && roles.contains("ADMIN"));
	}

}
