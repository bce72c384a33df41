package dev.boxoffice.account;

import java.util.UUID;

import dev.boxoffice.security.TokenIssuer;
import dev.boxoffice.security.TokenIssuer.AccessToken;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

@Service
class AccountService {

	private final Users users;

	private final PasswordEncoder passwords;

	private final TokenIssuer tokens;

	/**
	 * Compared against when the email is unknown, so a login for a missing account costs
	 * the same time as a wrong password and does not reveal which emails are registered.
	 */
	private final Mono<String> decoyHash;

	AccountService(Users users, PasswordEncoder passwords, TokenIssuer tokens) {
		this.users = users;
		this.passwords = passwords;
		this.tokens = tokens;
		this.decoyHash = hash(UUID.randomUUID().toString()).cache();
	}

	Mono<User> register(String email, String password, String displayName, Role role) {
		return hash(password).flatMap(
				(hash) -> this.users.insert(new User(UUID.randomUUID(), email.trim(), hash, displayName.trim(), role)));
	}

	Mono<AccessToken> login(String email, String password) {
		return this.users.findByEmail(email.trim())
			.flatMap((user) -> matches(password, user.passwordHash()).filter(Boolean::booleanValue).map((ok) -> user))
			.switchIfEmpty(
					Mono.defer(() -> this.decoyHash.flatMap((hash) -> matches(password, hash)).then(Mono.empty())))
			.map((user) -> this.tokens.issue(user.id(), user.email(), user.role().name()))
			.switchIfEmpty(Mono.error(BadCredentials::new));
	}

	Mono<User> find(UUID id) {
		return this.users.findById(id).switchIfEmpty(Mono.error(AccountGone::new));
	}

	Mono<Boolean> exists(String email) {
		return this.users.findByEmail(email).hasElement();
	}

	// Password hashing is deliberately slow CPU work: it runs on the parallel scheduler,
	// never
	// on an event-loop thread that other requests are waiting for.
	private Mono<String> hash(String password) {
		return Mono.fromCallable(() -> this.passwords.encode(password)).subscribeOn(Schedulers.parallel());
	}

	private Mono<Boolean> matches(String password, String hash) {
		return Mono.fromCallable(() -> this.passwords.matches(password, hash)).subscribeOn(Schedulers.parallel());
	}

}
