package dev.boxoffice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the caller can act on: a rule of a feature said no. Each feature declares its
 * own (a show that does not exist, seats someone else has, a declined payment) with a
 * stable {@code code}; only the web edge turns a {@link Kind} into an HTTP status and a
 * problem document. No stack trace is captured: these are expected outcomes on hot paths
 * (a 409 in a flash sale), not bugs.
 */
public abstract class DomainError extends RuntimeException {

	/** What kind of "no" it is; the web edge picks the status from it. */
	public enum Kind {

		/** Unknown id, or a resource of someone else's. */
		NOT_FOUND,
		/** The request conflicts with the current state. */
		CONFLICT,
		/** Well-formed, but against a rule. */
		INVALID,
		/** The payment provider refused. */
		PAYMENT_REFUSED,
		/** Who is calling could not be established. */
		UNAUTHENTICATED,
		/** The caller may not do this. */
		FORBIDDEN,
		/** Too much, too fast: try again later. */
		RATE_LIMITED

	}

	private final Kind kind;

	private final String code;

	private final Map<String, Object> details = new LinkedHashMap<>();

	protected DomainError(Kind kind, String code, String message) {
		super(message, null, false, false);
		this.kind = kind;
		this.code = code;
	}

	/** Adds a member the client can use, for example {@code unavailableSeatIds}. */
	protected final DomainError with(String name, Object value) {
		this.details.put(name, value);
		return this;
	}

	public Kind kind() {
		return this.kind;
	}

	public String code() {
		return this.code;
	}

	public Map<String, Object> details() {
		return Collections.unmodifiableMap(this.details);
	}

}
