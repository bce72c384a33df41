package dev.boxoffice.web;

import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTest {

	private final ProblemMapper mapper = new ProblemMapper();

	@Test
	void aBackingServiceTooSlowToAnswerIsATemporaryOutageWithRetryAfter() {
		Problem problem = this.mapper.map(new QueryTimeoutException("Redis command timed out",
				new RedisCommandTimeoutException("EVALSHA timed out after 2 second(s)")));
		assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(problem.members()).containsEntry("code", "TEMPORARILY_UNAVAILABLE")
			.containsEntry("retryAfterSeconds", 1);
		assertThat(problem.members().get("detail").toString()).doesNotContain("Redis").doesNotContain("EVALSHA");
	}

	@Test
	void anUnexpectedFailureRevealsNothingOfItself() {
		Problem problem = this.mapper.map(new IllegalStateException("SELECT * FROM users failed in Foo.java"));
		assertThat(problem.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(problem.members().toString()).doesNotContain("SELECT")
			.doesNotContain("IllegalState")
			.doesNotContain("Foo");
	}

}
