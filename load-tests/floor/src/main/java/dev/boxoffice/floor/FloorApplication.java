package dev.boxoffice.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The floor of load-tests/bench.sh: the same stack as BoxOffice (WebFlux on Netty, Jackson,
 * Lettuce) doing only the unavoidable part of each hot path, so the bench can say how much
 * of the machine's capacity the service's own work takes.
 */
@SpringBootApplication
public class FloorApplication {

	public static void main(String[] args) {
		SpringApplication.run(FloorApplication.class, args);
	}

}
