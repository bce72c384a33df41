package dev.boxoffice.seating.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Lua script from {@code src/main/resources/redis}, read and hashed once when the bean
 * is made. Spring's {@code DefaultRedisScript} reads lazily and takes a lock on every
 * call to check whether its source changed; under load that lock parks event-loop
 * threads.
 */
record LuaScript<T>(String source, String sha1, Class<T> resultType) implements RedisScript<T> {

	static <T> LuaScript<T> load(String name, Class<T> resultType) {
		try {
			String source = new ClassPathResource("redis/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8);
			return new LuaScript<>(source, sha1(source), resultType);
		}
		catch (IOException failure) {
			throw new UncheckedIOException("Missing Redis script " + name, failure);
		}
	}

	@Override
	public String getSha1() {
		return this.sha1;
	}

	@Override
	public Class<T> getResultType() {
		return this.resultType;
	}

	@Override
	public String getScriptAsString() {
		return this.source;
	}

	private static String sha1(String source) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

}
