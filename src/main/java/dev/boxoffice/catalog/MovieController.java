package dev.boxoffice.catalog;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.boxoffice.Page;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/movies")
class MovieController {

	private final Movies movies;

	private final MovieChanges changes;

	MovieController(Movies movies, MovieChanges changes) {
		this.movies = movies;
		this.changes = changes;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<ResponseEntity<Movie>> create(@Valid @RequestBody MovieBody body) {
		return this.movies.insert(body.toMovie(UUID.randomUUID()))
			.map((movie) -> ResponseEntity.created(URI.create("/api/v1/movies/" + movie.movieId())).body(movie));
	}

	@GetMapping
	Mono<Page<Movie>> search(@RequestParam(required = false) String q, @RequestParam(required = false) String genre,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_SIZE) int size) {
		return this.movies.search(blankToNull(q), blankToNull(genre), page, size);
	}

	@GetMapping("/{movieId}")
	Mono<Movie> get(@PathVariable UUID movieId) {
		return this.movies.find(movieId).switchIfEmpty(Mono.error(() -> new MovieNotFound(movieId)));
	}

	@PutMapping("/{movieId}")
	@ApiResponse(responseCode = "200",
			description = "The movie as replaced; its upcoming shows end as its new length says")
	@ApiResponse(responseCode = "409", description = "MOVIE_HAS_BOOKINGS: it has future shows with bookings;"
			+ " HALL_BUSY: at its new length a show would overlap the next in its hall")
	Mono<Movie> replace(@PathVariable UUID movieId, @Valid @RequestBody MovieBody body) {
		return this.changes.replace(body.toMovie(movieId));
	}

	@DeleteMapping("/{movieId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@ApiResponse(responseCode = "409", description = "MOVIE_HAS_BOOKINGS: it has future shows with bookings")
	Mono<ResponseEntity<Void>> delete(@PathVariable UUID movieId) {
		return this.changes.remove(movieId).thenReturn(ResponseEntity.noContent().build());
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	record MovieBody(@NotBlank @Size(max = 200) String title, @NotNull @Min(1) @Max(1000) Integer durationMinutes,
			@NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 40) String> genres, @Size(max = 20) String rating,
			@Size(max = 4000) String description) {

		Movie toMovie(UUID id) {
			return new Movie(id, this.title.trim(), this.durationMinutes,
					this.genres.stream().map(String::trim).distinct().toList(), this.rating, this.description);
		}

	}

}
