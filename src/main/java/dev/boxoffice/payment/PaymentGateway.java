package dev.boxoffice.payment;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The payment provider. A charge is idempotent by {@code reference}: charging the same
 * reference again returns the first charge instead of taking the money twice; a refund is
 * idempotent by charge.
 */
public interface PaymentGateway {

	Mono<ChargeResult> charge(String reference, UUID userId, long amount, String currency, String token);

	/** Gives a charge back; refunding one already refunded does nothing. */
	Mono<Void> refund(String chargeId);

	/**
	 * The charge the provider holds for {@code reference}, if it took one: how a payment
	 * whose answer was lost in a crash is settled.
	 */
	Mono<String> chargeOf(String reference);

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
