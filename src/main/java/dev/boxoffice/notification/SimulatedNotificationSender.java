package dev.boxoffice.notification;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * A stand-in for an email provider: the message becomes a row in {@code notifications}
 * and a log line. The row's unique event id is what makes a redelivered event send
 * nothing twice. A repository, since what it does is write that row.
 */
@Repository
class SimulatedNotificationSender implements NotificationSender {

	private static final Logger log = LoggerFactory.getLogger(SimulatedNotificationSender.class);

	private final DatabaseClient db;

	SimulatedNotificationSender(DatabaseClient db) {
		this.db = db;
	}

	@Override
	public Mono<Boolean> send(Notification notification) {
		return this.db
			.sql("""
					insert into notifications (id, event_id, booking_id, waitlist_entry_id, user_id, kind, channel, recipient)
					values (:id, :event, :booking, :entry, :user, :kind, 'EMAIL', :recipient)
					on conflict (event_id) do nothing
					""")
			.bind("id", UUID.randomUUID())
			.bind("event", notification.eventId())
			.bind("booking", Parameter.fromOrEmpty(notification.bookingId(), UUID.class))
			.bind("entry", Parameter.fromOrEmpty(notification.waitlistEntryId(), UUID.class))
			.bind("user", notification.userId())
			.bind("kind", notification.kind().name())
			.bind("recipient", notification.recipient())
			.fetch()
			.rowsUpdated()
			.map((inserted) -> inserted == 1)
			.doOnNext((sent) -> {
				if (sent) {
					if (notification.kind() == Notification.Kind.WAITLIST_OFFER) {
						log.info("Sent {} email to {} for waiting-list entry {}, open until {}", notification.kind(),
								notification.recipient(), notification.waitlistEntryId(),
								notification.offerExpiresAt());
					}
					else {
						log.info("Sent {} email to {} for booking {}", notification.kind(), notification.recipient(),
								notification.bookingId());
					}
				}
			});
	}

}
