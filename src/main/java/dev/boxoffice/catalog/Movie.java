package dev.boxoffice.catalog;

import java.util.List;
import java.util.UUID;

public record Movie(UUID movieId, String title, int durationMinutes, List<String> genres, String rating,
		String description) {

}
