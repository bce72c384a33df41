package dev.boxoffice.config;

import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The connection pool, with one danger removed: a connection going back to the pool
 * inside a transaction.
 * <p>
 * r2dbc-pool puts a connection straight back into the pool when the {@code Mono} that
 * handed it out is cancelled, even after it has handed it out, and without the rollback
 * that closing it does. Spring's transaction manager cancels that {@code Mono} when its
 * caller goes away (a client disconnecting, a loop stopping, a time-out) while BEGIN is
 * on the wire: the connection went back into the pool with that transaction open, the
 * next borrower's statements ran inside it, were never committed, and held their locks
 * until the connection died. Here a cancelled acquisition still pending is simply
 * cancelled; a connection already handed out is rolled back and closed. The rollback is
 * an unconditional ROLLBACK statement, queued behind the BEGIN: the driver's own rollback
 * is skipped while the BEGIN's answer has not arrived yet.
 */
final class CancelSafeConnections implements ConnectionFactory, Wrapped<ConnectionFactory>, Disposable {

	private static final Logger log = LoggerFactory.getLogger(CancelSafeConnections.class);

	private final ConnectionFactory pool;

	CancelSafeConnections(ConnectionFactory pool) {
		this.pool = pool;
	}

	@Override
	public Mono<Connection> create() {
		Mono<Connection> acquired = Mono.from(this.pool.create());
		return Mono.from(
				Operators.<Connection, Connection>lift((scannable, borrower) -> new HandOut(borrower)).apply(acquired));
	}

	private static void rollBackAndClose(Connection connection) {
		Flux.defer(() -> connection.createStatement("rollback").execute())
			.flatMap(Result::getRowsUpdated)
			// Closed all the same: a connection that cannot roll back is one the pool
			// validates and drops.
			.onErrorResume((failure) -> Mono.empty())
			.then(Mono.defer(() -> Mono.from(connection.close())))
			.subscribe(null, (failure) -> log.debug("Closing a connection whose borrower went away failed", failure));
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.pool.getMetadata();
	}

	@Override
	public ConnectionFactory unwrap() {
		return this.pool;
	}

	/** Closes the pool: Spring Boot declares its pool bean with this destroy method. */
	@Override
	public void dispose() {
		if (this.pool instanceof Disposable disposable) {
			disposable.dispose();
		}
	}

	@Override
	public boolean isDisposed() {
		return this.pool instanceof Disposable disposable && disposable.isDisposed();
	}

	/**
	 * One connection on its way to its borrower. A cancellation while the pool has not
	 * answered goes to the pool; one after that is ours to clean up, and never on the way
	 * up to the pool. A cancellation that comes while the borrower is still taking the
	 * connection is cleaned up once it has: whatever it sent meanwhile (a BEGIN) is then
	 * queued before the ROLLBACK.
	 */
	private static final class HandOut implements CoreSubscriber<Connection>, Subscription {

		private static final int WAITING = 0;

		private static final int HANDING_OUT = 1;

		private static final int HANDED_OUT = 2;

		private static final int CANCELLED = 3;

		private final CoreSubscriber<? super Connection> borrower;

		private final AtomicInteger state = new AtomicInteger(WAITING);

		private Subscription pool;

		private volatile Connection connection;

		HandOut(CoreSubscriber<? super Connection> borrower) {
			this.borrower = borrower;
		}

		@Override
		public Context currentContext() {
			return this.borrower.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.pool = subscription;
			this.borrower.onSubscribe(this);
		}

		@Override
		public void onNext(Connection connection) {
			this.connection = connection;
			if (!this.state.compareAndSet(WAITING, HANDING_OUT)) {
				// Cancelled first: the pool took the connection back when told.
				return;
			}
			this.borrower.onNext(connection);
			if (!this.state.compareAndSet(HANDING_OUT, HANDED_OUT)) {
				rollBackAndClose(connection);
			}
		}

		@Override
		public void onError(Throwable failure) {
			this.borrower.onError(failure);
		}

		@Override
		public void onComplete() {
			this.borrower.onComplete();
		}

		@Override
		public void request(long n) {
			this.pool.request(n);
		}

		@Override
		public void cancel() {
			switch (this.state.getAndSet(CANCELLED)) {
				case WAITING -> this.pool.cancel();
				case HANDED_OUT -> rollBackAndClose(this.connection);
				default -> {
					// Being handed out (onNext cleans up) or already cancelled.
				}
			}
		}

	}

}
