package dev.boxoffice.account;

import java.net.URI;

import dev.boxoffice.security.Caller;
import dev.boxoffice.security.TokenIssuer.AccessToken;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class AccountController {

	private final AccountService accounts;

	AccountController(AccountService accounts) {
		this.accounts = accounts;
	}

	@PostMapping("/register")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "409", description = "EMAIL_TAKEN")
	Mono<ResponseEntity<Account>> register(@Valid @RequestBody Registration body) {
		return this.accounts.register(body.email(), body.password(), body.displayName(), Role.USER)
			.map((user) -> ResponseEntity.created(URI.create("/api/v1/auth/me")).body(Account.of(user)));
	}

	@PostMapping("/login")
	@ApiResponse(responseCode = "200", description = "A bearer token")
	@ApiResponse(responseCode = "401", description = "BAD_CREDENTIALS")
	@ApiResponse(responseCode = "429",
			description = "RATE_LIMITED, or TOO_MANY_ATTEMPTS after 5 wrong passwords for the account within 15 minutes")
	Mono<AccessToken> login(@Valid @RequestBody Login body) {
		return this.accounts.login(body.email(), body.password());
	}

	@GetMapping("/me")
	Mono<Account> me(@AuthenticationPrincipal Jwt token) {
		return this.accounts.find(Caller.of(token).userId()).map(Account::of);
	}

	record Registration(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Password String password,
			@NotBlank @Size(max = 100) String displayName) {
	}

	/** No length rule beyond a sane bound: a wrong password is just wrong. */
	record Login(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password) {
	}

}
