package dev.boxoffice.config;

import java.util.List;

import io.swagger.v3.oas.models.PathItem.HttpMethod;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call an operation of the OpenAPI document: API.md's Auth convention, with the
 * same path rules as security.SecurityConfig, which enforces them (a request's path
 * there, a path template here). OpenApiDocumentApiTest calls every documented operation
 * to check that the two agree.
 */
enum OperationAccess {

	/** Catalog and seat-map reads, the seat stream, registration and login. */
	PUBLIC,
	/** Needs a bearer token. */
	USER,
	/** Needs a bearer token with the ADMIN role. */
	ADMIN;

	private static final List<PathPattern> PUBLIC_READS = patterns("/api/v1/{resource:theaters|halls|movies|shows}/**");

	private static final List<PathPattern> PUBLIC_POSTS = patterns("/api/v1/auth/{action:register|login}");

	private static final List<PathPattern> ADMIN_ANY = patterns("/api/v1/admin/**");

	private static final List<PathPattern> ADMIN_POSTS = patterns("/api/v1/theaters/**", "/api/v1/movies",
			"/api/v1/shows");

	private static final List<PathPattern> ADMIN_PUTS_AND_DELETES = patterns("/api/v1/movies/**");

	static OperationAccess of(HttpMethod method, String pathTemplate) {
		PathContainer path = PathContainer.parsePath(pathTemplate);
		if ((method == HttpMethod.GET && matches(PUBLIC_READS, path))
				|| (method == HttpMethod.POST && matches(PUBLIC_POSTS, path))) {
			return PUBLIC;
		}
		if (matches(ADMIN_ANY, path) || (method == HttpMethod.POST && matches(ADMIN_POSTS, path))
				|| ((method == HttpMethod.PUT || method == HttpMethod.DELETE)
						&& matches(ADMIN_PUTS_AND_DELETES, path))) {
			return ADMIN;
		}
		return USER;
	}

	private static boolean matches(List<PathPattern> patterns, PathContainer path) {
		return patterns.stream().anyMatch((pattern) -> pattern.matches(path));
	}

	private static List<PathPattern> patterns(String... patterns) {
		return List.of(patterns).stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

}
