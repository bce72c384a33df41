package dev.boxoffice.seating.web;

import java.util.List;

import dev.boxoffice.seating.SeatChoice;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Either named seats ({@code seatIds}) or the best {@code count} seats, optionally of a
 * category.
 */
@SeatsOrCount
public record HoldRequest(@Size(min = 1, message = "must name at least one seat") List<String> seatIds,
		@Min(value = 1, message = "must be at least 1") Integer count, @Pattern(regexp = "[A-Z][A-Z0-9_]{0,29}",
				message = "must be upper case, like STANDARD or VIP") String category) {

	SeatChoice choice() {
		return (this.count != null) ? new SeatChoice.BestOf(this.count, this.category)
				: new SeatChoice.Named(this.seatIds);
	}

}
