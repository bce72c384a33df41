package dev.boxoffice.config;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Bean Validation reads its message bundles from jars the first time a constraint fails.
 * Done lazily, that file read would happen on an event-loop thread under the first bad
 * request, so it is done here, once, on the start-up thread.
 */
@Component
class ValidatorWarmUp implements SmartInitializingSingleton {

	private final Validator validator;

	ValidatorWarmUp(Validator validator) {
		this.validator = validator;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.validator.validate(new Probe(null));
	}

	private record Probe(@NotNull String value) {
	}

}
