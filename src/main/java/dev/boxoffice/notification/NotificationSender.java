package dev.boxoffice.notification;

import reactor.core.publisher.Mono;

/** Where notifications go (email, SMS). */
interface NotificationSender {

	/** Sends unless this event was already notified; true when it was sent now. */
	Mono<Boolean> send(Notification notification);

}
