package dev.boxoffice.payment;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * A stand-in provider with the tokens of the API contract: {@code tok_ok} approves,
 * {@code tok_declined} is declined, anything else is invalid. Refunds can be made to fail
 * a number of times ({@code boxoffice.payment.refund-failures}), for rehearsals. It keeps
 * its ledger in the {@code simulated_payments} table (a repository, since that is what it
 * writes) and answers after {@code boxoffice.payment.latency}, so slow payments can be
 * rehearsed.
 */
@Repository
class SimulatedPaymentGateway implements PaymentGateway {

	private static final Logger log = LoggerFactory.getLogger(SimulatedPaymentGateway.class);

	private final DatabaseClient db;

	private final Duration latency;

	/**
	 * Refunds still to fail ({@code boxoffice.payment.refund-failures}): a rehearsal of a
	 * provider that is down, for the refund worker's retries.
	 */
	private final AtomicInteger refundFailures;

	SimulatedPaymentGateway(DatabaseClient db, @Value("${boxoffice.payment.latency}") Duration latency,
			@Value("${boxoffice.payment.refund-failures}") int refundFailures) {
		this.db = db;
		this.latency = latency;
		this.refundFailures = new AtomicInteger(refundFailures);
	}

	@Override
	public Mono<ChargeResult> charge(String reference, UUID userId, long amount, String currency, String token) {
		Mono<ChargeResult> decision = switch (token) {
			case "tok_ok" -> record(reference, userId, amount, currency);
			case "tok_declined" -> Mono.just(new ChargeResult.Declined());
			default -> Mono.just(new ChargeResult.Invalid());
		};
		return this.latency.isZero() ? decision : Mono.delay(this.latency).then(decision);
	}

	/**
	 * A charge for a reference that was refunded charges again; one still charged is
	 * returned as is.
	 */
	private Mono<ChargeResult> record(String reference, UUID userId, long amount, String currency) {
		return this.db.sql("""
				insert into simulated_payments (id, reference, user_id, amount, currency, status)
				values (:id, :reference, :user, :amount, :currency, 'CHARGED')
				on conflict (reference) do update set status = 'CHARGED', refunded_at = null
				returning id
				""")
			.bind("id", "ch_" + UUID.randomUUID().toString().replace("-", ""))
			.bind("reference", reference)
			.bind("user", userId)
			.bind("amount", amount)
			.bind("currency", currency)
			.map((row) -> (ChargeResult) new ChargeResult.Approved(row.get("id", String.class)))
			.one();
	}

	@Override
	public Mono<String> chargeOf(String reference) {
		return this.db.sql("select id from simulated_payments where reference = :reference and status = 'CHARGED'")
			.bind("reference", reference)
			.map((row) -> row.get("id", String.class))
			.one();
	}

	@Override
	public Mono<Void> refund(String chargeId) {
		if (this.refundFailures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
			return Mono.error(new IllegalStateException("The payment provider is unavailable (simulated)"));
		}
		Mono<Void> refund = this.db.sql(
				"update simulated_payments set status = 'REFUNDED', refunded_at = now() where id = :id and status = 'CHARGED'")
			.bind("id", chargeId)
			.fetch()
			.rowsUpdated()
			.doOnNext((updated) -> log.info("Refunded charge {}", chargeId))
			.then();
		return this.latency.isZero() ? refund : Mono.delay(this.latency).then(refund);
	}

}
