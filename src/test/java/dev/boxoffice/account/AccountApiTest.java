package dev.boxoffice.account;

import java.util.Map;

import dev.boxoffice.support.ApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class AccountApiTest extends ApiTest {

	@Test
	void registeringReturnsTheNewAccountWithoutItsPassword() {
		this.client.post()
			.uri("/api/v1/auth/register")
			.bodyValue(Map.of("email", "ada@example.com", "password", "correct-horse", "displayName", "Ada"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.userId")
			.isNotEmpty()
			.jsonPath("$.email")
			.isEqualTo("ada@example.com")
			.jsonPath("$.displayName")
			.isEqualTo("Ada")
			.jsonPath("$.role")
			.isEqualTo("USER")
			.jsonPath("$.password")
			.doesNotExist()
			.jsonPath("$.passwordHash")
			.doesNotExist();
	}

	@Test
	void anEmailCanBeRegisteredOnlyOnceWhateverItsCase() {
		this.data.register("ada@example.com", "correct-horse", "Ada");
		this.client.post()
			.uri("/api/v1/auth/register")
			.bodyValue(Map.of("email", "ADA@example.com", "password", "other-password", "displayName", "Ada 2"))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("EMAIL_TAKEN")
			.jsonPath("$.status")
			.isEqualTo(409)
			.jsonPath("$.type")
			.isNotEmpty()
			.jsonPath("$.title")
			.isNotEmpty()
			.jsonPath("$.detail")
			.isNotEmpty();
	}

	@Test
	void invalidRegistrationNamesEveryBadField() {
		this.client.post()
			.uri("/api/v1/auth/register")
			.bodyValue(Map.of("email", "not-an-email", "password", "short"))
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("VALIDATION_FAILED")
			.jsonPath("$.errors[?(@.field == 'email')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'password')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'displayName')]")
			.exists();
	}

	@Test
	void malformedJsonIsABadRequest() {
		this.client.post()
			.uri("/api/v1/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\": \"ada@example.com\", ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("MALFORMED_JSON")
			.jsonPath("$.detail")
			.value((detail) -> org.assertj.core.api.Assertions.assertThat(detail.toString())
				.doesNotContain("Exception")
				.doesNotContain("jackson"));
	}

	@Test
	void aRegisteredUserLogsInAndSeesThemselves() {
		this.data.register("ada@example.com", "correct-horse", "Ada");
		String token = this.data.login("Ada@Example.com", "correct-horse");
		this.client.get()
			.uri("/api/v1/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.email")
			.isEqualTo("ada@example.com")
			.jsonPath("$.role")
			.isEqualTo("USER");
	}

	@Test
	void loginReturnsABearerTokenWithItsLifetime() {
		this.data.register("ada@example.com", "correct-horse", "Ada");
		this.client.post()
			.uri("/api/v1/auth/login")
			.bodyValue(Map.of("email", "ada@example.com", "password", "correct-horse"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.accessToken")
			.isNotEmpty()
			.jsonPath("$.tokenType")
			.isEqualTo("Bearer")
			.jsonPath("$.expiresIn")
			.isEqualTo(3600);
	}

	@Test
	void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
		this.data.register("ada@example.com", "correct-horse", "Ada");
		for (Map<String, String> attempt : new Map[] { Map.of("email", "ada@example.com", "password", "wrong-horse"),
				Map.of("email", "nobody@example.com", "password", "correct-horse") }) {
			this.client.post()
				.uri("/api/v1/auth/login")
				.bodyValue(attempt)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("BAD_CREDENTIALS");
		}
	}

	@Test
	void meWithoutATokenIsUnauthorized() {
		this.client.get()
			.uri("/api/v1/auth/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("UNAUTHORIZED");
	}

	@Test
	void aForgedTokenIsUnauthorized() {
		this.client.get()
			.uri("/api/v1/auth/me")
			.header(HttpHeaders.AUTHORIZATION,
					"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwicm9sZXMiOlsiQURNSU4iXX0.c2lnbmF0dXJl")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("UNAUTHORIZED");
	}

	@Test
	void theConfiguredAdministratorExistsAtStartUp() {
		this.client.get()
			.uri("/api/v1/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.data.adminToken())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.email")
			.isEqualTo(ADMIN_EMAIL)
			.jsonPath("$.role")
			.isEqualTo("ADMIN");
	}

}
