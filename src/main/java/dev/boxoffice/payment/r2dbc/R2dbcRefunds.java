package dev.boxoffice.payment.r2dbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.boxoffice.payment.PaymentGateway;
import dev.boxoffice.payment.Refunds;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Carries out the refunds that changes recorded: at once, by the request that owed it,
 * and again by a worker on every instance until the provider confirms (refunds are
 * idempotent by charge, and a refund row is taken with {@code for update skip locked}, so
 * two takers never work on one). A refund that keeps failing waits longer each time, up
 * to {@link #MAX_BACKOFF}, and is counted and logged at ERROR from its fifth attempt on:
 * an operator must look.
 */
@Repository
class R2dbcRefunds implements Refunds {

	private static final Logger log = LoggerFactory.getLogger(R2dbcRefunds.class);

	static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

	private static final int LOUD_AFTER = 5;

	private static final int BATCH = 50;

	private static final String DUE = "select charge_id, payment_id, attempts from refunds where state = 'PENDING'";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final PaymentGateway provider;

	private final Clock clock;

	private final Counter succeeded;

	private final Counter failed;

	private final AtomicLong pending = new AtomicLong();

	R2dbcRefunds(DatabaseClient db, TransactionalOperator transaction, PaymentGateway provider, Clock clock,
			MeterRegistry meters) {
		this.db = db;
		this.transaction = transaction;
		this.provider = provider;
		this.clock = clock;
		this.succeeded = Counter.builder("boxoffice.refunds")
			.description("Refunds carried out, by outcome")
			.tag("outcome", "succeeded")
			.register(meters);
		this.failed = Counter.builder("boxoffice.refunds")
			.description("Refunds carried out, by outcome")
			.tag("outcome", "failed")
			.register(meters);
		Gauge.builder("boxoffice.refunds.pending", this.pending, AtomicLong::get)
			.description("Refunds owed and not yet confirmed by the provider")
			.register(meters);
	}

	/**
	 * Tries the refund of this charge now, if it is owed and nobody else is at it; a
	 * failure is recorded for the worker to try again. Never fails the caller.
	 */
	@Override
	public Mono<Void> attempt(String chargeId) {
		return carryOut(this.db.sql(DUE + " and charge_id = :charge for update skip locked").bind("charge", chargeId))
			.then()
			.onErrorResume((failure) -> {
				log.warn("Refund of charge {} will be retried: {}", chargeId, failure.toString());
				return Mono.empty();
			});
	}

	/** One round of the worker: the refunds whose next attempt is due. */
	@Override
	public Mono<Integer> attemptDue() {
		return carryOut(this.db
			.sql(DUE + " and next_attempt_at <= :now order by next_attempt_at limit " + BATCH
					+ " for update skip locked")
			.bind("now", this.clock.instant())).flatMap((done) -> countPending().thenReturn(done));
	}

	/** In one transaction, so a taken row stays taken until its outcome is written. */
	private Mono<Integer> carryOut(DatabaseClient.GenericExecuteSpec select) {
		return select
			.map((row) -> new Due(row.get("charge_id", String.class), row.get("payment_id", UUID.class),
					row.get("attempts", Integer.class)))
			.all()
			.concatMap(this::refund)
			.reduce(0, Integer::sum)
			.as(this.transaction::transactional);
	}

	private Mono<Integer> refund(Due due) {
		Instant now = this.clock.instant();
		return this.provider.refund(due.chargeId())
			.then(this.db
				.sql("update refunds set state = 'DONE', attempts = attempts + 1, done_at = :now "
						+ "where charge_id = :charge")
				.bind("now", now)
				.bind("charge", due.chargeId())
				.then())
			.then(this.db.sql("update payments set state = 'REFUNDED', updated_at = :now where id = :id")
				.bind("now", now)
				.bind("id", due.paymentId())
				.then())
			.doOnSuccess((done) -> {
				this.succeeded.increment();
				log.info("Refunded charge {}", due.chargeId());
			})
			.thenReturn(1)
			.onErrorResume((failure) -> {
				this.failed.increment();
				int attempts = due.attempts() + 1;
				Duration wait = backoff(attempts);
				if (attempts >= LOUD_AFTER) {
					log.error("Refund of charge {} failed {} times; next attempt in {}: {}", due.chargeId(), attempts,
							wait, failure.toString());
				}
				else {
					log.warn("Refund of charge {} failed (attempt {}); next attempt in {}: {}", due.chargeId(),
							attempts, wait, failure.toString());
				}
				return this.db
					.sql("update refunds set attempts = :attempts, next_attempt_at = :next, last_error = :error "
							+ "where charge_id = :charge")
					.bind("attempts", attempts)
					.bind("next", now.plus(wait))
					.bind("error", String.valueOf(failure.getMessage()))
					.bind("charge", due.chargeId())
					.then()
					.thenReturn(0);
			});
	}

	private Mono<Long> countPending() {
		return this.db.sql("select count(*) from refunds where state = 'PENDING'")
			.map((row) -> ((Number) row.get(0)).longValue())
			.one()
			.doOnNext(this.pending::set);
	}

	/** 1 s, 2 s, 4 s, ... up to five minutes. */
	static Duration backoff(int attempts) {
		long seconds = 1L << Math.min(attempts - 1, 20);
		Duration wait = Duration.ofSeconds(seconds);
		return (wait.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : wait;
	}

	private record Due(String chargeId, UUID paymentId, int attempts) {
	}

}
