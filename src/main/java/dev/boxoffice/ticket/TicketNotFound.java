package dev.boxoffice.ticket;

import dev.boxoffice.DomainError;

/** A code this service never issued (made up or altered) or whose booking is gone. */
public final class TicketNotFound extends DomainError {

	TicketNotFound() {
		super(Kind.NOT_FOUND, "TICKET_NOT_FOUND", "No ticket has this code");
	}

}
