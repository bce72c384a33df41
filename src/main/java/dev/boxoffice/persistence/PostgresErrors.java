package dev.boxoffice.persistence;

import io.r2dbc.spi.R2dbcException;

/**
 * Recognises the constraint violations that carry business meaning (a taken email, an
 * overlapping show, a seat sold twice) by SQLSTATE, so callers can turn them into domain
 * errors instead of 500s.
 */
public final class PostgresErrors {

	private static final String UNIQUE_VIOLATION = "23505";

	private static final String EXCLUSION_VIOLATION = "23P01";

	private PostgresErrors() {
	}

	public static boolean isUniqueViolation(Throwable failure) {
		return hasState(failure, UNIQUE_VIOLATION);
	}

	public static boolean isExclusionViolation(Throwable failure) {
		return hasState(failure, EXCLUSION_VIOLATION);
	}

	private static boolean hasState(Throwable failure, String sqlState) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && sqlState.equals(r2dbc.getSqlState())) {
				return true;
			}
		}
		return false;
	}

}
