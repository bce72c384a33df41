package dev.boxoffice.booking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Ticket codes are shown at the door, so they must be unguessable and unforgeable: 100
 * random bits and 60 bits of an HMAC-SHA256 signature over them, in Crockford's base32
 * (no I, L, O or U to misread), in groups of four for reading aloud:
 * {@code BT-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX}. A scanner can refuse a made-up or
 * altered code without asking the database. Codes issued before signing ({@code BX-}, 130
 * random bits) stay valid: they are as unguessable, and only stored ones are found.
 * <p>
 * The key is {@code BOXOFFICE_TICKET_SECRET}, or, when that is empty, one derived from
 * the JWT secret (never the JWT key itself, so neither can stand in for the other).
 */
@Component
public class TicketCodes {

	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final int RANDOM_CHARACTERS = 20;

	private static final int SIGNATURE_CHARACTERS = 12;

	private static final Pattern SIGNED = Pattern.compile("BT(-[0-9A-HJKMNP-TV-Z]{4}){8}");

	private static final Pattern UNSIGNED = Pattern.compile("BX(-[0-9A-HJKMNP-TV-Z]{5}){5}-[0-9A-HJKMNP-TV-Z]");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	public TicketCodes(@Value("${boxoffice.tickets.secret}") String ticketSecret,
			@Value("${boxoffice.jwt.secret}") String jwtSecret) {
		if (!ticketSecret.isEmpty() && ticketSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new IllegalStateException("BOXOFFICE_TICKET_SECRET must be at least 32 bytes");
		}
		byte[] secret = ticketSecret.isEmpty() ? hmac(jwtSecret.getBytes(StandardCharsets.UTF_8), "ticket codes")
				: ticketSecret.getBytes(StandardCharsets.UTF_8);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
	}

	/** A new signed code. */
	public String next() {
		StringBuilder random = new StringBuilder(RANDOM_CHARACTERS);
		for (int i = 0; i < RANDOM_CHARACTERS; i++) {
			random.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
		}
		return group(random + signature(random.toString()));
	}

	/**
	 * Whether the code could have been issued here: a signed code whose signature
	 * matches, or a code of the older unsigned form (found only if it was stored).
	 */
	public boolean isGenuine(String code) {
		if (code == null) {
			return false;
		}
		if (UNSIGNED.matcher(code).matches()) {
			return true;
		}
		if (!SIGNED.matcher(code).matches()) {
			return false;
		}
		String characters = code.substring(3).replace("-", "");
		String random = characters.substring(0, RANDOM_CHARACTERS);
		byte[] expected = signature(random).getBytes(StandardCharsets.US_ASCII);
		byte[] given = characters.substring(RANDOM_CHARACTERS).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given);
	}

	/** The first 60 bits of the HMAC of the random part, in base32. */
	private String signature(String random) {
		byte[] mac = hmac(this.key, random);
		StringBuilder signature = new StringBuilder(SIGNATURE_CHARACTERS);
		for (int i = 0; i < SIGNATURE_CHARACTERS; i++) {
			int bit = i * 5;
			int twoBytes = ((mac[bit / 8] & 0xFF) << 8) | (mac[bit / 8 + 1] & 0xFF);
			signature.append(ALPHABET[(twoBytes >> (11 - bit % 8)) & 0x1F]);
		}
		return signature.toString();
	}

	private static String group(String characters) {
		StringBuilder code = new StringBuilder("BT");
		for (int i = 0; i < characters.length(); i++) {
			if (i % 4 == 0) {
				code.append('-');
			}
			code.append(characters.charAt(i));
		}
		return code.toString();
	}

	private static byte[] hmac(byte[] secret, String message) {
		return hmac(new SecretKeySpec(secret, "HmacSHA256"), message);
	}

	private static byte[] hmac(SecretKeySpec key, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException impossible) {
			// HmacSHA256 is in every JDK.
			throw new IllegalStateException(impossible);
		}
	}

}
