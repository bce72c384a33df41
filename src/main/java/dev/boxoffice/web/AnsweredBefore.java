package dev.boxoffice.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A problem a request answered before and that is now answered again as it was (a
 * confirmation replayed for its {@code Idempotency-Key}). Raised rather than returned so
 * it is written like every other problem, with this request's {@code instance} and
 * {@code requestId}.
 */
public final class AnsweredBefore extends RuntimeException {

	private final Problem problem;

	public AnsweredBefore(int status, Map<String, Object> members) {
		super(null, null, false, false);
		this.problem = new Problem(HttpStatus.valueOf(status), new LinkedHashMap<>(members));
	}

	/** A copy: the writer adds this request's members to it. */
	Problem problem() {
		return new Problem(this.problem.status(), new LinkedHashMap<>(this.problem.members()));
	}

}
