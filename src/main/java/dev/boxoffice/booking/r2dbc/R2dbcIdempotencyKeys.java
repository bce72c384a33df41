package dev.boxoffice.booking.r2dbc;

import java.time.Duration;
import java.util.UUID;

import dev.boxoffice.booking.IdempotencyKeys;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcIdempotencyKeys implements IdempotencyKeys {

	/**
	 * A claim with no outcome after this long belongs to an instance that died
	 * mid-request; a new request may take it over. Safe because the charge is idempotent
	 * by hold and the booking by its unique hold id: a takeover can never charge or book
	 * twice.
	 */
	private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

	private final DatabaseClient db;

	R2dbcIdempotencyKeys(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Claim> claim(UUID userId, String key, String requestHash) {
		Mono<Long> insert = this.db.sql("""
				insert into idempotency_keys (user_id, key, request_hash) values (:user, :key, :hash)
				on conflict (user_id, key) do update set request_hash = excluded.request_hash, created_at = now()
				    where idempotency_keys.response_status is null
				      and idempotency_keys.request_hash = excluded.request_hash
				      and idempotency_keys.created_at < now() - make_interval(secs => :abandoned)
				""")
			.bind("user", userId)
			.bind("key", key)
			.bind("hash", requestHash)
			.bind("abandoned", (double) ABANDONED_AFTER.toSeconds())
			.fetch()
			.rowsUpdated();
		return insert.flatMap((claimed) -> (claimed == 1) ? Mono.just((Claim) new Claim.Claimed())
				: existing(userId, key, requestHash));
	}

	private Mono<Claim> existing(UUID userId, String key, String requestHash) {
		return this.db.sql(
				"select request_hash, response_status, response_body from idempotency_keys where user_id = :user and key = :key")
			.bind("user", userId)
			.bind("key", key)
			.map((row) -> {
				if (!requestHash.equals(row.get("request_hash", String.class))) {
					return (Claim) new Claim.KeyReused();
				}
				Integer status = row.get("response_status", Integer.class);
				Json body = row.get("response_body", Json.class);
				return (status == null) ? new Claim.InProgress() : new Claim.Completed(status, body.asString());
			})
			.one()
			// Deleted between our insert and this read (an abandoned attempt): try again.
			.switchIfEmpty(Mono.defer(() -> claim(userId, key, requestHash)));
	}

	@Override
	public Mono<Void> complete(UUID userId, String key, int status, String body) {
		return this.db.sql(
				"update idempotency_keys set response_status = :status, response_body = :body where user_id = :user and key = :key")
			.bind("status", status)
			.bind("body", Json.of(body))
			.bind("user", userId)
			.bind("key", key)
			.then();
	}

	@Override
	public Mono<Void> abandon(UUID userId, String key) {
		return this.db
			.sql("delete from idempotency_keys where user_id = :user and key = :key and response_status is null")
			.bind("user", userId)
			.bind("key", key)
			.then();
	}

}
