package dev.boxoffice.payment;

import reactor.core.publisher.Mono;

/**
 * Carries out the refunds that changes recorded (see {@link Payments#owe}): at once, by
 * the request that owed it, and again by a worker until the provider confirms.
 */
public interface Refunds {

	/**
	 * Tries the refund of this charge now, if it is owed and nobody else is at it; a
	 * failure is recorded for the worker to try again. Never fails the caller.
	 */
	Mono<Void> attempt(String chargeId);

	/**
	 * One round of the worker: the refunds whose next attempt is due; how many were done.
	 */
	Mono<Integer> attemptDue();

}
