package dev.boxoffice.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * What every error body looks like, as {@link ProblemWriter} writes it. The service
 * writes a {@link Problem} (a status and an ordered map); this type documents its shape
 * in the OpenAPI document.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem document. Some codes add members of their own: "
		+ "SEATS_UNAVAILABLE adds unavailableSeatIds and suggestions, ALREADY_CHECKED_IN adds checkedInAt.")
public record ProblemDetails(@Schema(requiredMode = RequiredMode.REQUIRED) String type,
		@Schema(requiredMode = RequiredMode.REQUIRED) String title,
		@Schema(requiredMode = RequiredMode.REQUIRED) int status,
		@Schema(requiredMode = RequiredMode.REQUIRED) String detail,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "Stable and machine-readable",
				example = "SEATS_UNAVAILABLE") String code,
		@Schema(description = "The request's path") String instance,
		@Schema(description = "The request's X-Request-Id, to quote to support") String requestId,
		@Schema(description = "The refused fields and parameters, on validation errors") List<FieldError> errors) {

	@Schema(name = "ProblemFieldError")
	public record FieldError(@Schema(requiredMode = RequiredMode.REQUIRED, example = "seatIds") String field,
			@Schema(requiredMode = RequiredMode.REQUIRED) String message) {
	}

}
