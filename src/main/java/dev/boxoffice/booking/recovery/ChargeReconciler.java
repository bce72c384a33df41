package dev.boxoffice.booking.recovery;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.boxoffice.BackgroundLoop;
import dev.boxoffice.booking.BookingService;
import dev.boxoffice.payment.Payment;
import dev.boxoffice.payment.Payments;
import org.redisson.api.RLockReactive;
import org.redisson.api.RedissonReactiveClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every charge ends as a booking or a refund. A payment that outlived its hold by
 * {@code boxoffice.payment.reconcile-grace} without becoming a booking was interrupted
 * (an instance killed between the charge and the booking, a request that never came
 * back): the reconciler settles it. One instance at a time does (a Redisson lock with a
 * lease, so a dead owner's lock runs out), every
 * {@code boxoffice.payment.reconcile-interval}.
 */
@Configuration(proxyBeanMethods = false)
class ChargeReconciler {

	private static final Logger log = LoggerFactory.getLogger(ChargeReconciler.class);

	private static final int BATCH = 100;

	private static final Duration LEASE = Duration.ofMinutes(1);

	@Bean
	BackgroundLoop chargeReconciliation(Payments payments, BookingService bookings, RedissonReactiveClient redisson,
			Clock clock, @Value("${boxoffice.payment.reconcile-interval}") Duration interval,
			@Value("${boxoffice.payment.reconcile-grace}") Duration grace) {
		return BackgroundLoop.repeating("Charge reconciliation", interval,
				() -> reconcile(payments, bookings, redisson, clock, grace).map((settled) -> settled == BATCH),
				Duration.ofMinutes(1));
	}

	private static Mono<Integer> reconcile(Payments payments, BookingService bookings, RedissonReactiveClient redisson,
			Clock clock, Duration grace) {
		RLockReactive lock = redisson.getLock("boxoffice:charge-reconciliation");
		long owner = ThreadLocalRandom.current().nextLong();
		return lock.tryLock(0, LEASE.toMillis(), TimeUnit.MILLISECONDS, owner)
			.flatMap((mine) -> !mine ? Mono.just(0)
					: payments.unsettled(clock.instant(), grace, BATCH)
						.concatMap((payment) -> bookings.settle(payment)
							.doOnNext((outcome) -> logSettled(payment, outcome))
							.onErrorResume((failure) -> {
								log.error("Could not settle the payment of hold {}; trying again next round",
										payment.holdId(), failure);
								return Mono.empty();
							}))
						.count()
						.map(Long::intValue)
						.flatMap((settled) -> lock.unlock(owner)
							.onErrorResume((failure) -> Mono.empty())
							.thenReturn(settled)));
	}

	/**
	 * A declined card its customer never replaced is an everyday ending; anything else
	 * settled here was cut off by a crash or a lost client, which an operator should see.
	 */
	private static void logSettled(Payment payment, Payment.State outcome) {
		if (payment.state() == Payment.State.DECLINED && outcome == Payment.State.ABANDONED) {
			log.info("Abandoned the declined payment of hold {} after its hold", payment.holdId());
		}
		else {
			log.warn("Settled the payment of hold {} left {} after its hold: {}", payment.holdId(), payment.state(),
					outcome);
		}
	}

}
