package dev.boxoffice.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A problem document as sent: the RFC 9457 members first, then {@code code} and any
 * extension members. Kept as an ordered map so the JSON reads in a stable order.
 */
public record Problem(HttpStatus status, Map<String, Object> members) {

	static Problem of(HttpStatus status, String code, String detail) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("type", "urn:boxoffice:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
		members.put("title", status.getReasonPhrase());
		members.put("status", status.value());
		members.put("detail", detail);
		members.put("code", code);
		return new Problem(status, members);
	}

}
