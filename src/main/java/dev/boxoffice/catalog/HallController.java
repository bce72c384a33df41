package dev.boxoffice.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.boxoffice.catalog.Hall.RowLayout;
import dev.boxoffice.catalog.Hall.Seat;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class HallController {

	private final Halls halls;

	private final Theaters theaters;

	private final CatalogLookup lookup;

	HallController(Halls halls, Theaters theaters, CatalogLookup lookup) {
		this.halls = halls;
		this.theaters = theaters;
		this.lookup = lookup;
	}

	@PostMapping("/theaters/{theaterId}/halls")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "409", description = "HALL_NAME_TAKEN")
	Mono<ResponseEntity<Hall>> create(@PathVariable UUID theaterId, @Valid @RequestBody NewHall body) {
		return this.theaters.find(theaterId)
			.switchIfEmpty(Mono.error(() -> new TheaterNotFound(theaterId)))
			.flatMap((theater) -> this.halls.insert(body.toHall(UUID.randomUUID(), theaterId)))
			.map((hall) -> ResponseEntity.created(URI.create("/api/v1/halls/" + hall.hallId())).body(hall));
	}

	@GetMapping("/halls/{hallId}")
	Mono<Hall> get(@PathVariable UUID hallId) {
		return this.lookup.hall(hallId).switchIfEmpty(Mono.error(() -> new HallNotFound(hallId)));
	}

	record NewHall(@NotBlank @Size(max = 100) String name,
			@NotEmpty @Size(max = 100, message = "a hall has at most 100 rows") List<@Valid @NotNull NewRow> rows) {

		Hall toHall(UUID hallId, UUID theaterId) {
			Set<String> labels = new HashSet<>();
			List<Seat> seats = new ArrayList<>();
			for (int index = 0; index < this.rows.size(); index++) {
				NewRow row = this.rows.get(index);
				if (!labels.add(row.label())) {
					throw invalid("rows[" + index + "].label", "row " + row.label() + " is declared twice");
				}
				List<Integer> aisles = (row.aisleAfter() != null) ? row.aisleAfter() : List.of();
				for (Integer aisle : aisles) {
					if (aisle == null || aisle < 1 || aisle >= row.seats()) {
						throw invalid("rows[" + index + "].aisleAfter",
								"an aisle must come after a seat between 1 and " + (row.seats() - 1));
					}
				}
				for (int number = 1; number <= row.seats(); number++) {
					seats.add(new Seat(row.label() + "-" + number, row.label(), number, row.category(), index,
							aisles.contains(number)));
				}
			}
			List<RowLayout> layout = Halls.layout(seats);
			return new Hall(hallId, theaterId, this.name.trim(), seats.size(), layout, seats);
		}

		private static InvalidLayout invalid(String field, String message) {
			return new InvalidLayout(field, message);
		}

	}

	record NewRow(
			@NotBlank @Pattern(regexp = "[A-Z0-9]{1,3}",
					message = "must be 1 to 3 capital letters or digits") String label,
			@NotNull @Min(1) @Max(100) Integer seats, @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,29}",
					message = "must be upper case, like STANDARD or VIP") String category,
			List<Integer> aisleAfter) {

	}

}
