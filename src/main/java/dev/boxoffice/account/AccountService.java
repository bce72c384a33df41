package dev.boxoffice.account;

import java.util.UUID;

import dev.boxoffice.security.TokenIssuer;
import dev.boxoffice.security.TokenIssuer.AccessToken;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

@Service
class AccountService implements DisposableBean {

	/**
	 * Password hashing is deliberately slow CPU work. It runs on a pool of its own, as
	 * many threads as cores and a bounded queue: never on an event loop, and not on
	 * Reactor's parallel scheduler either, whose threads also run timers (keep-alives,
	 * the expiry sweep, the outbox relay) that a login flood must not delay. A full queue
	 * refuses the request (503) rather than queueing without bound.
	 */
	private final Scheduler hashing = Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(), 1_000,
			"password-hashing");

	private final Users users;

	private final PasswordEncoder passwords;

	private final TokenIssuer tokens;

	private final LoginLockout lockout;

	/**
	 * Compared against when the email is unknown, so a login for a missing account costs
	 * the same time as a wrong password and does not reveal which emails are registered.
	 */
	private final Mono<String> decoyHash;

	AccountService(Users users, PasswordEncoder passwords, TokenIssuer tokens, LoginLockout lockout) {
		this.users = users;
		this.passwords = passwords;
		this.tokens = tokens;
		this.lockout = lockout;
		this.decoyHash = hash(UUID.randomUUID().toString()).cache();
	}

	Mono<User> register(String email, String password, String displayName, Role role) {
		return hash(password).flatMap(
				(hash) -> this.users.insert(new User(UUID.randomUUID(), email.trim(), hash, displayName.trim(), role)));
	}

	/**
	 * A locked account is refused before its password is looked at; a wrong password
	 * counts toward the lock. A right one stored with an older scheme is hashed again
	 * with the current one.
	 */
	Mono<AccessToken> login(String email, String password) {
		String address = email.trim();
		return this.lockout.attempt(address)
			.then(this.users.findByEmail(address))
			.flatMap((user) -> matches(password, user.passwordHash()).filter(Boolean::booleanValue)
				.flatMap((ok) -> upgrade(user, password)))
			.switchIfEmpty(
					Mono.defer(() -> this.decoyHash.flatMap((hash) -> matches(password, hash)).then(Mono.empty())))
			.flatMap((user) -> this.lockout.succeeded(address).thenReturn(user))
			.map((user) -> this.tokens.issue(user.id(), user.email(), user.role().name()))
			.switchIfEmpty(Mono.error(BadCredentials::new));
	}

	Mono<User> find(UUID id) {
		return this.users.findById(id).switchIfEmpty(Mono.error(AccountGone::new));
	}

	Mono<Boolean> exists(String email) {
		return this.users.findByEmail(email).hasElement();
	}

	private Mono<User> upgrade(User user, String password) {
		if (!this.passwords.upgradeEncoding(user.passwordHash())) {
			return Mono.just(user);
		}
		return hash(password).flatMap((hash) -> this.users.updatePasswordHash(user.id(), hash)).thenReturn(user);
	}

	private Mono<String> hash(String password) {
		return Mono.fromCallable(() -> this.passwords.encode(password)).subscribeOn(this.hashing);
	}

	private Mono<Boolean> matches(String password, String hash) {
		return Mono.fromCallable(() -> this.passwords.matches(password, hash)).subscribeOn(this.hashing);
	}

	@Override
	public void destroy() {
		this.hashing.dispose();
	}

}
