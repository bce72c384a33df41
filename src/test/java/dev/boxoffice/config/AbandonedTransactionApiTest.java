package dev.boxoffice.config;

import java.time.Duration;

import dev.boxoffice.support.ApiTest;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction that nobody will finish, whatever left it so, must not hold its locks for
 * ever: the database ends it once it has sat idle for
 * {@code idle_in_transaction_session_timeout} (a minute in application.yml, two seconds
 * here), and the application goes on with fresh connections.
 */
@TestPropertySource(properties = "spring.r2dbc.properties.options=idle_in_transaction_session_timeout=2s")
class AbandonedTransactionApiTest extends ApiTest {

	/** Far above the two seconds, far below waiting for ever. */
	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private ConnectionFactory connections;

	@Autowired
	private DatabaseClient db;

	@Test
	void aTransactionLeftOpenLosesItsLocksAndThePoolRecovers() {
		this.db.sql("create table if not exists abandoned_probe (id int primary key, n int)").then().block();
		this.db.sql("insert into abandoned_probe values (1, 0) on conflict (id) do update set n = 0").then().block();
		Connection abandoned = Mono.from(this.connections.create()).block();
		try {
			Mono.from(abandoned.beginTransaction()).block();
			execute(abandoned, "update abandoned_probe set n = 1 where id = 1");
			// The row stays locked while the transaction is open: another writer waits.
			this.db.sql("update abandoned_probe set n = 2 where id = 1").then().block(PATIENCE);
			assertThat(this.db.sql("select n from abandoned_probe where id = 1")
				.map((row) -> row.get("n", Integer.class))
				.one()
				.block()).as("the other writer's value; the abandoned one's was rolled back").isEqualTo(2);
		}
		finally {
			Mono.from(abandoned.close()).onErrorComplete().block();
		}
		// The pool's connection to the ended session is dead; whoever borrows next must
		// not
		// get it.
		for (int n = 0; n < 20; n++) {
			assertThat(this.db.sql("select count(*) from abandoned_probe")
				.map((row) -> row.get(0, Long.class))
				.one()
				.block()).isEqualTo(1);
		}
		this.db.sql("drop table abandoned_probe").then().block();
	}

	private static void execute(Connection connection, String sql) {
		Flux.from(connection.createStatement(sql).execute()).flatMap((result) -> result.getRowsUpdated()).blockLast();
	}

}
