package dev.boxoffice.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on, carried to the one problem+json mapping
 * ({@link ProblemMapper}). Features subclass it for their own domain errors. No stack
 * trace is captured: these are expected outcomes on hot paths (a 409 under a flash sale),
 * not bugs.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	public ApiProblem(HttpStatus status, String code, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
	}

	public static ApiProblem notFound(String what, Object id) {
		return new ApiProblem(HttpStatus.NOT_FOUND, what.toUpperCase().replace(' ', '_') + "_NOT_FOUND",
				"No " + what + " with id " + id);
	}

	public static ApiProblem conflict(String code, String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, code, detail);
	}

	public static ApiProblem unprocessable(String code, String detail) {
		return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
	}

	/** Adds a member to the problem document, for example {@code unavailableSeatIds}. */
	public ApiProblem with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(this.properties);
	}

}
