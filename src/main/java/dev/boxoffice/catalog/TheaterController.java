package dev.boxoffice.catalog;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/theaters")
class TheaterController {

	private final Theaters theaters;

	TheaterController(Theaters theaters) {
		this.theaters = theaters;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<ResponseEntity<Theater>> create(@Valid @RequestBody NewTheater body) {
		Theater theater = new Theater(UUID.randomUUID(), body.name().trim(), body.city().trim(),
				(body.address() != null) ? body.address().trim() : null);
		return this.theaters.insert(theater)
			.map((created) -> ResponseEntity.created(URI.create("/api/v1/theaters/" + created.theaterId()))
				.body(created));
	}

	@GetMapping
	Flux<Theater> list(@RequestParam(required = false) String city) {
		return this.theaters.list((city == null || city.isBlank()) ? null : city.trim());
	}

	@GetMapping("/{theaterId}")
	Mono<Theater> get(@PathVariable UUID theaterId) {
		return this.theaters.find(theaterId).switchIfEmpty(Mono.error(() -> new TheaterNotFound(theaterId)));
	}

	record NewTheater(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 100) String city,
			@Size(max = 300) String address) {
	}

}
