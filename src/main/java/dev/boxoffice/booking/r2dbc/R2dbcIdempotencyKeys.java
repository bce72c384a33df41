package dev.boxoffice.booking.r2dbc;

import java.time.Duration;
import java.util.UUID;

import dev.boxoffice.booking.IdempotencyKeys;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class R2dbcIdempotencyKeys implements IdempotencyKeys {

	/**
	 * A completed key answers for this long (Stripe's rule); after it, the key is new
	 * again, and retention deletes it.
	 */
	static final Duration COMPLETED_FOR = Duration.ofHours(24);

	private final DatabaseClient db;

	/**
	 * A claim with no outcome once its lease has run out belongs to a request that died
	 * (an instance killed mid-request); a retry may take it over and resumes from the
	 * payment record. Safe because the payment is one per hold, the charge idempotent by
	 * hold and the booking unique by hold: a takeover can never charge or book twice.
	 */
	private final Duration lease;

	R2dbcIdempotencyKeys(DatabaseClient db, @Value("${boxoffice.idempotency.lease}") Duration lease) {
		this.db = db;
		this.lease = lease;
	}

	@Override
	public Mono<Claim> claim(UUID userId, String key, String requestHash) {
		Mono<Long> insert = this.db.sql("""
				insert into idempotency_keys (user_id, key, request_hash, leased_until)
				values (:user, :key, :hash, now() + make_interval(secs => :lease))
				on conflict (user_id, key) do update
				    set request_hash = excluded.request_hash, created_at = now(), leased_until = excluded.leased_until,
				        response_status = null, response_body = null
				    where (idempotency_keys.response_status is null
				           and idempotency_keys.request_hash = excluded.request_hash
				           and coalesce(idempotency_keys.leased_until, idempotency_keys.created_at) < now())
				       or (idempotency_keys.response_status is not null
				           and idempotency_keys.created_at < now() - make_interval(secs => :completedFor))
				""")
			.bind("user", userId)
			.bind("key", key)
			.bind("hash", requestHash)
			.bind("lease", this.lease.toMillis() / 1000.0)
			.bind("completedFor", (double) COMPLETED_FOR.toSeconds())
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
	public Mono<Long> deleteExpired(int max) {
		return this.db.sql("""
				delete from idempotency_keys where ctid in (
				    select ctid from idempotency_keys
				    where created_at < now() - make_interval(secs => :completedFor) limit :max)
				""").bind("completedFor", (double) COMPLETED_FOR.toSeconds()).bind("max", max).fetch().rowsUpdated();
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
