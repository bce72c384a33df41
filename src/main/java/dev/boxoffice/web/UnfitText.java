package dev.boxoffice.web;

/**
 * Text a client sends may not contain control characters (U+0000 to U+001F, U+007F to
 * U+009F) nor half of a surrogate pair: nothing in this service needs the first, and
 * neither can be stored as sent (PostgreSQL refuses a NUL and turns a lone surrogate into
 * {@code ?}, so a name would read back other than it was written). Both are refused with
 * 422 at the edge, in JSON bodies and query parameters alike, before anything is looked
 * up or changed.
 */
final class UnfitText {

	private UnfitText() {
	}

	/** What is wrong with the text, as a validation message; null when nothing is. */
	static String fault(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
				return "must not contain control characters";
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "must be valid Unicode text (it has half of a surrogate pair)";
			}
		}
		return null;
	}

}
