package dev.boxoffice.catalog;

import org.springframework.dao.DuplicateKeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.boxoffice.catalog.Hall.RowLayout;
import dev.boxoffice.catalog.Hall.Seat;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

@Repository
class Halls {

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	Halls(DatabaseClient db, TransactionalOperator transaction) {
		this.db = db;
		this.transaction = transaction;
	}

	/**
	 * Writes the hall and all its seats in one transaction; the seats in one statement.
	 */
	Mono<Hall> insert(Hall hall) {
		int count = hall.seats().size();
		String[] ids = new String[count];
		String[] rows = new String[count];
		Integer[] rowIndexes = new Integer[count];
		Integer[] numbers = new Integer[count];
		String[] categories = new String[count];
		Boolean[] aisles = new Boolean[count];
		for (int i = 0; i < count; i++) {
			Seat seat = hall.seats().get(i);
			ids[i] = seat.id();
			rows[i] = seat.row();
			rowIndexes[i] = seat.rowIndex();
			numbers[i] = seat.number();
			categories[i] = seat.category();
			aisles[i] = seat.aisleAfter();
		}
		Mono<Void> insertHall = this.db
			.sql("insert into halls (id, theater_id, name, capacity) values (:id, :theater, :name, :capacity)")
			.bind("id", hall.hallId())
			.bind("theater", hall.theaterId())
			.bind("name", hall.name())
			.bind("capacity", hall.capacity())
			.then();
		Mono<Void> insertSeats = this.db.sql("""
				insert into seats (hall_id, seat_id, row_label, row_index, number, category, aisle_after)
				select :hall, * from unnest(:ids::text[], :rows::text[], :rowIndexes::int[], :numbers::int[],
				                            :categories::text[], :aisles::boolean[])
				""")
			.bind("hall", hall.hallId())
			.bind("ids", ids)
			.bind("rows", rows)
			.bind("rowIndexes", rowIndexes)
			.bind("numbers", numbers)
			.bind("categories", categories)
			.bind("aisles", aisles)
			.then();
		return insertHall.then(insertSeats)
			.as(this.transaction::transactional)
			.thenReturn(hall)
			.onErrorMap(DuplicateKeyException.class, (failure) -> new HallNameTaken(hall.name()));
	}

	Mono<Hall> find(UUID hallId) {
		Mono<Hall> header = this.db.sql("select id, theater_id, name, capacity from halls where id = :id")
			.bind("id", hallId)
			.map((row) -> new Hall(row.get("id", UUID.class), row.get("theater_id", UUID.class),
					row.get("name", String.class), row.get("capacity", Integer.class), List.of(), List.of()))
			.one();
		Mono<List<Seat>> seats = this.db.sql("""
				select seat_id, row_label, row_index, number, category, aisle_after from seats
				where hall_id = :id order by row_index, number
				""")
			.bind("id", hallId)
			.map((row) -> new Seat(row.get("seat_id", String.class), row.get("row_label", String.class),
					row.get("number", Integer.class), row.get("category", String.class),
					row.get("row_index", Integer.class), row.get("aisle_after", Boolean.class)))
			.all()
			.collectList();
		return header.zipWith(seats, (hall, all) -> new Hall(hall.hallId(), hall.theaterId(), hall.name(),
				hall.capacity(), layout(all), all));
	}

	/** Rebuilds the declared rows from the seats, so the layout is stored once. */
	static List<RowLayout> layout(List<Seat> seats) {
		Map<Integer, List<Seat>> byRow = new TreeMap<>();
		seats.forEach((seat) -> byRow.computeIfAbsent(seat.rowIndex(), (index) -> new ArrayList<>()).add(seat));
		List<RowLayout> rows = new ArrayList<>();
		byRow.values().forEach((row) -> {
			List<Integer> aisles = row.stream().filter(Seat::aisleAfter).map(Seat::number).toList();
			rows.add(new RowLayout(row.get(0).row(), row.size(), row.get(0).category(), aisles));
		});
		return rows;
	}

}
