package dev.boxoffice.payment;

import java.util.UUID;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.TestData.Scene;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refund worker is the fallback of the change that owes a refund, not its rival: a
 * worker taking a refund just owed made that change skip it and answer (a 409 for a lost
 * race, a cancellation) before the money was back.
 */
class RefundOwedApiTest extends ApiTest {

	@Autowired
	private Payments payments;

	@Autowired
	private Refunds refunds;

	@Test
	void theWorkerLeavesARefundJustOwedToTheChangeThatOwesIt() {
		Scene scene = this.data.scene();
		String token = this.data.userToken();
		this.data.book(token, scene.showId(), "A-1");
		String[] payment = this.data.db()
			.sql("select id::text, charge_id from payments")
			.map((row) -> new String[] { row.get(0, String.class), row.get(1, String.class) })
			.one()
			.block();
		UUID paymentId = UUID.fromString(payment[0]);
		String chargeId = payment[1];

		this.payments.owe(paymentId, chargeId, Payments.RefundReason.CANCELLED, this.clock.instant()).block();
		this.refunds.attemptDue().block();
		assertThat(this.data.count("select count(*) from refunds where state = 'PENDING' and attempts = 0"))
			.as("refunds left untouched by a round of the worker")
			.isEqualTo(1);

		this.refunds.attempt(chargeId).block();
		assertThat(this.data.count("select count(*) from simulated_payments where status = 'REFUNDED'")).isEqualTo(1);
	}

}
