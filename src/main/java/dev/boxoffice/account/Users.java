package dev.boxoffice.account;

import org.springframework.dao.DuplicateKeyException;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class Users {

	private static final String COLUMNS = "id, email, password_hash, display_name, role";

	private final DatabaseClient db;

	Users(DatabaseClient db) {
		this.db = db;
	}

	Mono<User> insert(User user) {
		return this.db.sql(
				"insert into users (id, email, password_hash, display_name, role) values (:id, :email, :hash, :name, :role)")
			.bind("id", user.id())
			.bind("email", user.email())
			.bind("hash", user.passwordHash())
			.bind("name", user.displayName())
			.bind("role", user.role().name())
			.then()
			.thenReturn(user)
			.onErrorMap(DuplicateKeyException.class, (failure) -> new EmailTaken());
	}

	Mono<Void> updatePasswordHash(UUID id, String hash) {
		return this.db.sql("update users set password_hash = :hash where id = :id")
			.bind("hash", hash)
			.bind("id", id)
			.then();
	}

	Mono<User> findByEmail(String email) {
		return this.db.sql("select " + COLUMNS + " from users where lower(email) = lower(:email)")
			.bind("email", email)
			.map(Users::user)
			.one();
	}

	Mono<User> findById(UUID id) {
		return this.db.sql("select " + COLUMNS + " from users where id = :id").bind("id", id).map(Users::user).one();
	}

	private static User user(Readable row) {
		return new User(row.get("id", UUID.class), row.get("email", String.class),
				row.get("password_hash", String.class), row.get("display_name", String.class),
				Role.valueOf(row.get("role", String.class)));
	}

}
