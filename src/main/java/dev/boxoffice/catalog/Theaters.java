package dev.boxoffice.catalog;

import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

@Repository
class Theaters {

	private final DatabaseClient db;

	Theaters(DatabaseClient db) {
		this.db = db;
	}

	Mono<Theater> insert(Theater theater) {
		return this.db.sql("insert into theaters (id, name, city, address) values (:id, :name, :city, :address)")
			.bind("id", theater.theaterId())
			.bind("name", theater.name())
			.bind("city", theater.city())
			.bind("address", Parameter.fromOrEmpty(theater.address(), String.class))
			.then()
			.thenReturn(theater);
	}

	/** Every theater, or those of a city (compared case-insensitively), by name. */
	Flux<Theater> list(String city) {
		if (city == null) {
			return this.db.sql("select * from theaters order by name, id").map(Theaters::theater).all();
		}
		return this.db.sql("select * from theaters where lower(city) = lower(:city) order by name, id")
			.bind("city", city)
			.map(Theaters::theater)
			.all();
	}

	Mono<Theater> find(UUID theaterId) {
		return this.db.sql("select * from theaters where id = :id").bind("id", theaterId).map(Theaters::theater).one();
	}

	private static Theater theater(Readable row) {
		return new Theater(row.get("id", UUID.class), row.get("name", String.class), row.get("city", String.class),
				row.get("address", String.class));
	}

}
