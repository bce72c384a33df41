package dev.boxoffice.catalog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A date or time in the years 0001 to 9999, the ones every ISO-8601 and RFC 3339 parser
 * reads (a client cannot parse {@code +10000-01-01}, PostgreSQL refuses years past
 * 294276, and {@code java.time} overflows near a billion). The last day is left out so a
 * show starting then still ends within the range: a movie lasts at most 1,000 minutes.
 */
@Documented
@Constraint(validatedBy = { FourDigitYear.OfDate.class, FourDigitYear.OfInstant.class })
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@interface FourDigitYear {

	LocalDate FIRST = LocalDate.of(1, 1, 1);

	LocalDate END = LocalDate.of(9999, 12, 31);

	String message() default "must be between 0001-01-01 and 9999-12-30";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	final class OfDate implements ConstraintValidator<FourDigitYear, LocalDate> {

		@Override
		public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
			return value == null || (!value.isBefore(FIRST) && value.isBefore(END));
		}

	}

	final class OfInstant implements ConstraintValidator<FourDigitYear, Instant> {

		private static final Instant FIRST_INSTANT = FIRST.atStartOfDay().toInstant(ZoneOffset.UTC);

		private static final Instant END_INSTANT = END.atStartOfDay().toInstant(ZoneOffset.UTC);

		@Override
		public boolean isValid(Instant value, ConstraintValidatorContext context) {
			return value == null || (!value.isBefore(FIRST_INSTANT) && value.isBefore(END_INSTANT));
		}

	}

}
