package dev.boxoffice.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator named by {@code BOXOFFICE_ADMIN_EMAIL} and
 * {@code BOXOFFICE_ADMIN_PASSWORD} at start-up when no user has that email yet; an
 * existing account is left as it is (its password is not reset by a restart).
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final AccountService accounts;

	private final String email;

	private final String password;

	AdminBootstrap(AccountService accounts, @Value("${boxoffice.admin.email:}") String email,
			@Value("${boxoffice.admin.password:}") String password) {
		this.accounts = accounts;
		this.email = email;
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.email.isBlank() || this.password.isBlank()) {
			return;
		}
		// Runs once on the main thread during start-up, before the service reports ready,
		// so waiting here is intended: the admin must exist when the first request
		// arrives.
		this.accounts.exists(this.email)
			.filter((exists) -> !exists)
			.flatMap((absent) -> this.accounts.register(this.email, this.password, "Administrator", Role.ADMIN))
			.doOnNext((admin) -> log.info("Created administrator {}", admin.email()))
			.onErrorResume(EmailTaken.class, (taken) -> {
				log.info("Administrator {} was created by another instance", this.email);
				return Mono.empty();
			})
			.block();
	}

}
