package dev.boxoffice.account;

import java.util.UUID;

import dev.boxoffice.notification.Recipients;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

@Component
class AccountRecipients implements Recipients {

	private final Users users;

	AccountRecipients(Users users) {
		this.users = users;
	}

	@Override
	public Mono<String> emailOf(UUID userId) {
		return this.users.findById(userId).map(User::email);
	}

}
