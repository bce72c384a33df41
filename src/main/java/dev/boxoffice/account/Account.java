package dev.boxoffice.account;

import java.util.UUID;

/** A user as the API shows it: never with the password hash. */
record Account(UUID userId, String email, String displayName, String role) {

	static Account of(User user) {
		return new Account(user.id(), user.email(), user.displayName(), user.role().name());
	}

}
