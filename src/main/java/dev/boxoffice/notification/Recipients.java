package dev.boxoffice.notification;

import java.util.UUID;

import reactor.core.publisher.Mono;

/** Where a customer is reached; the account feature, which owns users, answers it. */
public interface Recipients {

	/** The user's email address, or empty when the account is gone. */
	Mono<String> emailOf(UUID userId);

}
