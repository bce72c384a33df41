package dev.boxoffice.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The published OpenAPI document: version 1 of the public contract (API.md).
 * <p>
 * Where it comes from: each handler declares what is its own, a success status other than
 * 200 with {@code @ResponseStatus} (which only documents it where the handler returns a
 * {@code ResponseEntity}: that sets the status sent) and the error codes API.md names for
 * it with {@code @ApiResponse}; {@link CommonResponses} adds what follows from who may
 * call an operation and from its parameters.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	@Bean
	OpenAPI boxOfficeApi() {
		return new OpenAPI()
			.info(new Info().title("BoxOffice API")
				.version("1")
				.description("Movies, theaters, shows, live seat maps, seat holds and bookings. "
						+ "Errors are RFC 9457 problem details with a stable code."))
			.components(new Components().addSecuritySchemes(CommonResponses.BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
	}

	@Bean
	OpenApiCustomizer commonResponses() {
		return new CommonResponses();
	}

}
