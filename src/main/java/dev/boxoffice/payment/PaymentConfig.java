package dev.boxoffice.payment;

import java.time.Duration;

import dev.boxoffice.BackgroundLoop;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class PaymentConfig {

	/**
	 * Every instance tries due refunds every {@code boxoffice.payment.refund-interval}; a
	 * full batch goes on at once.
	 */
	@Bean
	BackgroundLoop refundWorker(Refunds refunds, @Value("${boxoffice.payment.refund-interval}") Duration interval) {
		return BackgroundLoop.repeating("Refund worker", interval, () -> refunds.attemptDue().map((done) -> done >= 50),
				Duration.ofSeconds(30));
	}

	/**
	 * What every user of the port gets: the provider, with each charge counted by
	 * outcome.
	 */
	@Bean
	@Primary
	PaymentGateway paymentGateway(SimulatedPaymentGateway provider, MeterRegistry meters) {
		return new CountedPaymentGateway(provider, meters);
	}

}
