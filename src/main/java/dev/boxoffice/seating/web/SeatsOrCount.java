package dev.boxoffice.seating.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A hold names its seats or asks for the best {@code count}, exactly one of the two, and
 * names no seat twice. Each refusal names the field a client has to fix, as every other
 * validation error does.
 */
@Documented
@Constraint(validatedBy = SeatsOrCount.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface SeatsOrCount {

	String message() default "give either seatIds or count";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	final class Check implements ConstraintValidator<SeatsOrCount, HoldRequest> {

		@Override
		public boolean isValid(HoldRequest hold, ConstraintValidatorContext context) {
			if (hold == null) {
				return true;
			}
			if (hold.seatIds() == null && hold.count() == null) {
				return refuse(context, "seatIds", "give either seatIds or count");
			}
			if (hold.seatIds() != null && hold.count() != null) {
				return refuse(context, "count", "give either seatIds or count, not both");
			}
			if (hold.seatIds() != null && new HashSet<>(hold.seatIds()).size() != hold.seatIds().size()) {
				return refuse(context, "seatIds", "must not name a seat twice");
			}
			return true;
		}

		private static boolean refuse(ConstraintValidatorContext context, String field, String message) {
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
			return false;
		}

	}

}
