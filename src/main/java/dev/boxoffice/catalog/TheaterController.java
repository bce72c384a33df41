package dev.boxoffice.catalog;

import java.net.URI;
import java.util.UUID;

import dev.boxoffice.web.ApiProblem;
import io.r2dbc.spi.Readable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Theaters are plain CRUD: the controller talks to the database directly. */
@RestController
@RequestMapping("/api/v1/theaters")
class TheaterController {

	private final DatabaseClient db;

	TheaterController(DatabaseClient db) {
		this.db = db;
	}

	@PostMapping
	Mono<ResponseEntity<Theater>> create(@Valid @RequestBody NewTheater body) {
		Theater theater = new Theater(UUID.randomUUID(), body.name().trim(), body.city().trim(),
				(body.address() != null) ? body.address().trim() : null);
		return this.db.sql("insert into theaters (id, name, city, address) values (:id, :name, :city, :address)")
			.bind("id", theater.theaterId())
			.bind("name", theater.name())
			.bind("city", theater.city())
			.bind("address", Parameter.fromOrEmpty(theater.address(), String.class))
			.then()
			.thenReturn(ResponseEntity.created(URI.create("/api/v1/theaters/" + theater.theaterId())).body(theater));
	}

	@GetMapping
	Flux<Theater> list(@RequestParam(required = false) String city) {
		if (city == null || city.isBlank()) {
			return this.db.sql("select * from theaters order by name, id").map(TheaterController::theater).all();
		}
		return this.db.sql("select * from theaters where lower(city) = lower(:city) order by name, id")
			.bind("city", city.trim())
			.map(TheaterController::theater)
			.all();
	}

	@GetMapping("/{theaterId}")
	Mono<Theater> get(@PathVariable UUID theaterId) {
		return this.db.sql("select * from theaters where id = :id")
			.bind("id", theaterId)
			.map(TheaterController::theater)
			.one()
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("theater", theaterId)));
	}

	private static Theater theater(Readable row) {
		return new Theater(row.get("id", UUID.class), row.get("name", String.class), row.get("city", String.class),
				row.get("address", String.class));
	}

	record NewTheater(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 100) String city,
			@Size(max = 300) String address) {
	}

}
