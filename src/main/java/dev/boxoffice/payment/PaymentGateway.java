package dev.boxoffice.payment;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The payment provider. A charge is idempotent by {@code reference}: charging the same
 * reference again returns the first charge instead of taking the money twice.
 */
public interface PaymentGateway {

	Mono<ChargeResult> charge(String reference, UUID userId, long amount, String currency, String token);

	Mono<Void> refund(String chargeId);

	sealed interface ChargeResult {

		record Approved(String chargeId) implements ChargeResult {
		}

		/** The card was refused; the customer may try again with another one. */
		record Declined() implements ChargeResult {
		}

		/** The token is not one the provider knows. */
		record Invalid() implements ChargeResult {
		}

	}

}
