package dev.boxoffice;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.core.log.LogMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring and Spring Security log through commons-logging, many of them at debug on every
 * request with a lazily built {@link LogMessage}. Apache commons-logging (1.3.6, 1.4.0)
 * built every such message even with debug off, a few percent of a public read's CPU;
 * jcl-over-slf4j, which replaces it (see pom.xml), asks SLF4J for the level first.
 */
class QuietDebugLogsTest {

	@Test
	void aDebugMessageOfALoggerAtInfoIsNeverBuilt() {
		AtomicInteger built = new AtomicInteger();
		Log log = LogFactory.getLog("org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher");
		assertThat(log.isDebugEnabled()).as("debug on for this logger").isFalse();

		log.debug(LogMessage.of(() -> "Trying to match using " + built.incrementAndGet()));

		assertThat(built).as("messages built for a disabled level").hasValue(0);
	}

}
