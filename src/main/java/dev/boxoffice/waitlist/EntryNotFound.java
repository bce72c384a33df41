package dev.boxoffice.waitlist;

import java.util.UUID;

import dev.boxoffice.DomainError;

/** No such entry, or someone else's: the two are never told apart. */
final class EntryNotFound extends DomainError {

	EntryNotFound(UUID entryId) {
		super(Kind.NOT_FOUND, "WAITLIST_ENTRY_NOT_FOUND", "No waiting-list entry with id " + entryId);
	}

}
