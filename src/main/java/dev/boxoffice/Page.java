package dev.boxoffice;

import java.util.List;

/**
 * A page of a list that can grow: {@code {items, page, size, total}}; pages count from 0.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

	public static final int MAX_SIZE = 100;

}
