package dev.boxoffice.config;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import dev.boxoffice.support.ApiTest;
import dev.boxoffice.support.PrometheusScrape;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller that goes away while its transaction begins (a client disconnecting, a
 * background loop stopping at shutdown, a time-out) must not leave that transaction open
 * on a pooled connection: whoever borrows the connection next would write into it, and
 * those writes would never be committed, while their locks stayed held.
 */
class CancelledTransactionApiTest extends ApiTest {

	private static final int ATTEMPTS = 500;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private TransactionalOperator transaction;

	@Autowired
	private Environment environment;

	@LocalManagementPort
	private int managementPort;

	@Test
	void aWriteAfterATransactionCancelledWhileBeginningIsCommitted() {
		this.db.sql("create table if not exists cancel_probe (n int)").then().block();
		Connection outside = Mono.from(outsideThePool().create()).block();
		try {
			for (int n = 1; n <= ATTEMPTS; n++) {
				Disposable begun = this.transaction.transactional(this.db.sql("select 1 where false").then())
					.subscribe();
				// Anywhere from before the connection is acquired to after BEGIN
				// answered. The statement returns no row: r2dbc-postgresql can still drop
				// a row of a cancelled query unreleased, which NoLeakedBuffersApiTest
				// would then report.
				LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(500_000));
				begun.dispose();
				// The pool lends its most recently returned connection first: the one
				// the cancelled transaction had, if it went back at once.
				this.db.sql("insert into cancel_probe values (:n)").bind("n", n).then().block();
				assertThat(count(outside)).as("writes another session sees, after write %d answered", n).isEqualTo(n);
			}
		}
		finally {
			// Every write has answered: a session still holding the table is in a
			// transaction nobody will end, and would make dropping it (and wiping the
			// tables before the next test) wait for ever.
			Flux.from(outside
				.createStatement("select pg_terminate_backend(pid) from pg_locks"
						+ " where relation = 'cancel_probe'::regclass and pid <> pg_backend_pid()")
				.execute()).flatMap((result) -> result.map((row, metadata) -> true)).blockLast();
			Mono.from(outside.close()).block();
			this.db.sql("drop table if exists cancel_probe").then().block();
		}
	}

	/** The second line of defence: see AbandonedTransactionApiTest. */
	@Test
	void theDatabaseEndsATransactionLeftIdleForAMinute() {
		assertThat(this.db.sql("show idle_in_transaction_session_timeout")
			.map((row) -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("1min");
	}

	@Test
	void thePoolIsStillOnTheOperatorsDashboard() {
		PrometheusScrape scrape = PrometheusScrape.from(this.managementPort);
		assertThat(scrape.has("r2dbc_pool_acquired_connections")).as("connections lent out").isTrue();
		assertThat(scrape.has("r2dbc_pool_pending_connections")).as("borrowers waiting").isTrue();
	}

	private static long count(Connection connection) {
		return Flux.from(connection.createStatement("select count(*) from cancel_probe").execute())
			.flatMap((result) -> result.map((row, metadata) -> row.get(0, Long.class)))
			.blockLast();
	}

	/** Connections of the test's own, to look from outside the application's pool. */
	private ConnectionFactory outsideThePool() {
		return ConnectionFactories
			.get(ConnectionFactoryOptions.parse(this.environment.getRequiredProperty("spring.r2dbc.url"))
				.mutate()
				.option(ConnectionFactoryOptions.USER, this.environment.getRequiredProperty("spring.r2dbc.username"))
				.option(ConnectionFactoryOptions.PASSWORD,
						this.environment.getRequiredProperty("spring.r2dbc.password"))
				.build());
	}

}
