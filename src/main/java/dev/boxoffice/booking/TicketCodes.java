package dev.boxoffice.booking;

import java.security.SecureRandom;

/**
 * Ticket codes are shown at the door, so they must be unguessable: 130 random bits,
 * written in Crockford's base32 (no I, L, O or U to misread), in groups for reading
 * aloud.
 */
final class TicketCodes {

	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private TicketCodes() {
	}

	static String next() {
		StringBuilder code = new StringBuilder("BX");
		for (int i = 0; i < 26; i++) {
			if (i % 5 == 0) {
				code.append('-');
			}
			code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
		}
		return code.toString();
	}

}
