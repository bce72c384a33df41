package dev.boxoffice.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A password of 8 to 64 characters of any script, counted as a reader counts them (code
 * points, so an emoji or a CJK character is one), not as UTF-16 units or bytes.
 */
@Documented
@Constraint(validatedBy = Password.Length.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@interface Password {

	int MIN = 8;

	int MAX = 64;

	String message() default "must be between 8 and 64 characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	final class Length implements ConstraintValidator<Password, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			int characters = value.codePointCount(0, value.length());
			return characters >= MIN && characters <= MAX;
		}

	}

}
