package dev.boxoffice.web;

/**
 * Text a client sends may not contain control characters (U+0000 to U+001F, U+007F to
 * U+009F): nothing in this service needs them, and some (a NUL byte) cannot even be
 * stored. They are refused with 422 at the edge, in JSON bodies and query parameters
 * alike, before anything is looked up or changed.
 */
final class ControlCharacters {

	private ControlCharacters() {
	}

	static boolean in(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
				return true;
			}
		}
		return false;
	}

}
