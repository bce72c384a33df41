package dev.boxoffice.catalog;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.format.annotation.DateTimeFormat;
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
@RequestMapping("/api/v1/shows")
class ShowController {

	private final Shows shows;

	private final Movies movies;

	private final CatalogLookup lookup;

	private final Clock clock;

	ShowController(Shows shows, Movies movies, CatalogLookup lookup, Clock clock) {
		this.shows = shows;
		this.movies = movies;
		this.lookup = lookup;
		this.clock = clock;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "404", description = "MOVIE_NOT_FOUND or HALL_NOT_FOUND")
	@ApiResponse(responseCode = "409", description = "HALL_BUSY: it overlaps another show in the hall")
	@ApiResponse(responseCode = "422",
			description = "VALIDATION_FAILED, SHOW_IN_PAST, MISSING_PRICE or UNKNOWN_CATEGORY")
	Mono<ResponseEntity<Show>> create(@Valid @RequestBody NewShow body) {
		if (!body.startsAt().isAfter(this.clock.instant())) {
			return Mono.error(new ShowInPast());
		}
		Mono<Movie> movie = this.movies.find(body.movieId())
			.switchIfEmpty(Mono.error(() -> new MovieNotFound(body.movieId())));
		Mono<Hall> hall = this.lookup.hall(body.hallId())
			.switchIfEmpty(Mono.error(() -> new HallNotFound(body.hallId())));
		return Mono.zip(movie, hall).flatMap((found) -> {
			Hall theHall = found.getT2();
			checkPrices(body.prices(), theHall);
			Instant endsAt = body.startsAt().plus(Duration.ofMinutes(found.getT1().durationMinutes()));
			Show show = new Show(UUID.randomUUID(), body.movieId(), theHall.hallId(), theHall.theaterId(),
					body.startsAt(), endsAt, new TreeMap<>(body.prices()), body.currency());
			return this.shows.insert(show);
		}).map((show) -> ResponseEntity.created(URI.create("/api/v1/shows/" + show.showId())).body(show));
	}

	@GetMapping
	Flux<Show> search(@RequestParam(required = false) UUID movieId, @RequestParam(required = false) UUID theaterId,
			@RequestParam(required = false) String city, @RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @FourDigitYear LocalDate date) {
		return this.shows.search(movieId, theaterId, (city == null || city.isBlank()) ? null : city.trim(), date,
				this.clock.instant());
	}

	@GetMapping("/{showId}")
	Mono<Show> get(@PathVariable UUID showId) {
		return this.lookup.show(showId).switchIfEmpty(Mono.error(() -> new ShowNotFound(showId)));
	}

	/**
	 * Every category of the hall needs a price, and no price may name a category the hall
	 * lacks.
	 */
	private static void checkPrices(Map<String, Integer> prices, Hall hall) {
		Set<String> categories = hall.seats().stream().map(Hall.Seat::category).collect(Collectors.toSet());
		Set<String> missing = categories.stream()
			.filter((category) -> !prices.containsKey(category))
			.collect(Collectors.toCollection(java.util.TreeSet::new));
		if (!missing.isEmpty()) {
			throw new MissingPrice(missing);
		}
		Set<String> unknown = prices.keySet()
			.stream()
			.filter((category) -> !categories.contains(category))
			.collect(Collectors.toCollection(java.util.TreeSet::new));
		if (!unknown.isEmpty()) {
			throw new UnknownPriceCategory(unknown);
		}
	}

	record NewShow(@NotNull UUID movieId, @NotNull UUID hallId, @NotNull @FourDigitYear Instant startsAt,
			@NotEmpty Map<@Pattern(regexp = "[A-Z][A-Z0-9_]{0,29}",
					message = "must be a seat category, like STANDARD") String, @NotNull @PositiveOrZero @Max(
							value = Show.MAX_PRICE,
							message = "must be at most " + Show.MAX_PRICE + " (minor units)") Integer> prices,
			@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as EUR") String currency) {

		NewShow {
			if (currency != null && currency.matches("[A-Z]{3}")) {
				try {
					Currency.getInstance(currency);
				}
				catch (IllegalArgumentException unknown) {
					currency = "unknown:" + currency;
				}
			}
		}

	}

}
