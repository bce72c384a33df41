package dev.boxoffice.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.boxoffice.web.ProblemDetails;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Completes every operation of the OpenAPI document with what API.md's conventions say of
 * all of them, so that a controller declares only what is its own (a 201, a 409
 * {@code SEATS_UNAVAILABLE}): who may call it, the error responses that follow from that
 * and from its parameters, and the problem+json body every error response has.
 */
class CommonResponses implements OpenApiCustomizer {

	static final String BEARER = "bearer";

	static final String PROBLEM_SCHEMA = "Problem";

	@Override
	public void customise(OpenAPI api) {
		// No handler returns the problem type, so springdoc does not know it by itself.
		ModelConverters.getInstance().readAll(ProblemDetails.class).forEach(api.getComponents()::addSchemas);
		api.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> complete(operation, method, OperationAccess.of(method, path))));
	}

	private static void complete(Operation operation, HttpMethod method, OperationAccess access) {
		ApiResponses responses = operation.getResponses();
		boolean hasBody = operation.getRequestBody() != null;
		if (access != OperationAccess.PUBLIC) {
			operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
			addUnlessDeclared(responses, 401, "UNAUTHORIZED: no valid bearer token");
		}
		if (access == OperationAccess.ADMIN) {
			addUnlessDeclared(responses, 403, "FORBIDDEN: needs the ADMIN role");
		}
		if (hasBody || has(operation, "path") || has(operation, "query") || has(operation, "header")) {
			addUnlessDeclared(responses, 400, "Malformed JSON body or parameter");
		}
		if (has(operation, "path")) {
			addUnlessDeclared(responses, 404, "No such resource, or one of someone else's");
		}
		// Fields of a body are validated, and every query parameter is text in which
		// control characters are refused (web.TextInputConfig).
		if (hasBody || has(operation, "query")) {
			addUnlessDeclared(responses, 422, "VALIDATION_FAILED: errors lists the refused fields");
		}
		if (isRateLimited(method, access)) {
			addUnlessDeclared(responses, 429, "RATE_LIMITED");
			responses.get("429")
				.addHeaderObject("Retry-After",
						new Header().description("Seconds to wait before trying again").schema(new IntegerSchema()));
		}
		responses.forEach((status, response) -> {
			if (status.startsWith("4")) {
				response.setContent(problemJson());
			}
		});
		// In status order, as a reader looks for them.
		Map<String, ApiResponse> byStatus = new TreeMap<>(responses);
		responses.clear();
		responses.putAll(byStatus);
	}

	/**
	 * The fair-use limits, as fairuse.FairUseFilter applies them: every public operation
	 * per client address, and a user's POSTs and DELETEs (holds, bookings, the waiting
	 * list) per user.
	 */
	private static boolean isRateLimited(HttpMethod method, OperationAccess access) {
		return access == OperationAccess.PUBLIC
				|| (access == OperationAccess.USER && (method == HttpMethod.POST || method == HttpMethod.DELETE));
	}

	private static boolean has(Operation operation, String parameterIn) {
		return operation.getParameters() != null
				&& operation.getParameters().stream().map(Parameter::getIn).anyMatch(parameterIn::equals);
	}

	/**
	 * A response the controller declared keeps its description, which names its codes.
	 */
	private static void addUnlessDeclared(ApiResponses responses, int status, String description) {
		responses.computeIfAbsent(Integer.toString(status), (code) -> new ApiResponse().description(description));
	}

	private static Content problemJson() {
		return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
	}

}
