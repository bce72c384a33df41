package dev.boxoffice.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.boxoffice.DomainError;
import reactor.netty.channel.AbortedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import io.lettuce.core.RedisCommandTimeoutException;
import io.r2dbc.spi.R2dbcTransientException;

import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebInputException;

/**
 * The one mapping from a failure to an RFC 9457 problem document. Every error response of
 * the API, from controllers, security and routing alike, is made here, so clients see one
 * shape with a stable {@code code}, and no stack trace, SQL or class name ever leaves the
 * service.
 */
@Component
public class ProblemMapper {

	public Problem map(Throwable failure) {
		if (failure instanceof DomainError error) {
			Problem result = Problem.of(status(error.kind()), error.code(), error.getMessage());
			result.members().putAll(error.details());
			return result;
		}
		if (failure instanceof AnsweredBefore answered) {
			return answered.problem();
		}
		if (failure instanceof WebExchangeBindException binding) {
			return validationFailed(HttpStatus.UNPROCESSABLE_CONTENT, "VALIDATION_FAILED",
					"The request has invalid fields", fieldErrors(binding));
		}
		if (failure instanceof HandlerMethodValidationException validation) {
			return methodValidationFailed(validation);
		}
		if (failure instanceof MissingRequestValueException missing) {
			return validationFailed(HttpStatus.BAD_REQUEST, "MISSING_PARAMETER",
					"Required " + missing.getLabel() + " '" + missing.getName() + "' is missing",
					List.of(fieldError(missing.getName(), "is required")));
		}
		if (failure instanceof ServerWebInputException input) {
			return badInput(input);
		}
		if (failure instanceof ServerErrorException missing && missing.getMethodParameter() != null
				&& missing.getMethodParameter().hasParameterAnnotation(PathVariable.class)) {
			// A path segment that is only blanks (%20, %09) converts to no value at all:
			// the client's mistake, not a server error.
			return malformedParameter(missing.getMethodParameter());
		}
		if (failure instanceof ResponseStatusException status) {
			return fromStatus(status.getStatusCode());
		}
		if (failure instanceof ServerExchangeRejectedException) {
			// The firewall refused the request line itself (an encoded slash or NUL in
			// the path, a method it does not know): nothing was routed.
			return Problem.of(HttpStatus.BAD_REQUEST, "REQUEST_REJECTED",
					"The request's path or method is not allowed");
		}
		if (isOverload(failure)) {
			// Redis or PostgreSQL did not answer in time, nearly always because this
			// instance is saturated: tell the client to come back shortly rather than
			// that we broke.
			Problem problem = Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "TEMPORARILY_UNAVAILABLE",
					"The service is overloaded; retry in a moment");
			problem.members().put("retryAfterSeconds", 1);
			return problem;
		}
		if (failure instanceof AbortedException) {
			// The client went away mid-response (a closed tab, an SSE reconnect):
			// nothing failed.
			return Problem.of(HttpStatus.BAD_REQUEST, "CLIENT_CLOSED_REQUEST", "The client closed the connection");
		}
		return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
				"The service failed to handle the request; it has been logged");
	}

	private static HttpStatus status(DomainError.Kind kind) {
		return switch (kind) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
			case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
			case PAYMENT_REFUSED -> HttpStatus.PAYMENT_REQUIRED;
			case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
		};
	}

	/**
	 * Method validation covers both the body ({@code @Valid}) and simple parameters; a
	 * bad body is a 422 with its fields, a bad query parameter or header a 400.
	 */
	private static Problem methodValidationFailed(HandlerMethodValidationException validation) {
		List<Map<String, String>> errors = new ArrayList<>();
		validation.getBeanResults()
			.forEach((body) -> body.getFieldErrors()
				.forEach((error) -> errors.add(fieldError(error.getField(), error.getDefaultMessage()))));
		if (!errors.isEmpty()) {
			return validationFailed(HttpStatus.UNPROCESSABLE_CONTENT, "VALIDATION_FAILED",
					"The request has invalid fields", errors);
		}
		validation.getValueResults()
			.forEach((result) -> result.getResolvableErrors()
				.forEach((error) -> errors
					.add(fieldError(inputName(result.getMethodParameter()), error.getDefaultMessage()))));
		return validationFailed(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "The request has invalid parameters",
				errors);
	}

	/**
	 * The name a client sent the value under (the {@code Idempotency-Key} header, the
	 * {@code date} parameter), not the name of the Java parameter it landed in.
	 */
	private static String inputName(MethodParameter parameter) {
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header != null) {
			return header.name().isEmpty() ? header.value() : header.name();
		}
		RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
		if (param != null && !(param.name().isEmpty() && param.value().isEmpty())) {
			return param.name().isEmpty() ? param.value() : param.name();
		}
		return parameter.getParameterName();
	}

	/** Timeouts and unreachable backing services: transient, worth a retry. */
	private static boolean isOverload(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof RedisCommandTimeoutException || cause instanceof R2dbcTransientException
					|| cause instanceof java.util.concurrent.TimeoutException
					|| cause instanceof java.util.concurrent.RejectedExecutionException) {
				return true;
			}
		}
		return false;
	}

	private Problem badInput(ServerWebInputException input) {
		for (Throwable cause = input; cause != null; cause = cause.getCause()) {
			if (cause instanceof TextInputConfig.PlainTextDeserializer.Refused refused) {
				return map(new UnfitTextIn(fieldPath(refused), refused.fault()));
			}
		}
		if (input.getMethodParameter() != null && input.getMethodParameter().getParameterName() != null
				&& !(input.getCause() instanceof DecodingException)) {
			return malformedParameter(input.getMethodParameter());
		}
		if (input.getReason() != null && input.getReason().contains("No request body")) {
			return Problem.of(HttpStatus.BAD_REQUEST, "MISSING_BODY", "The request needs a JSON body");
		}
		return Problem.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON",
				"The request body is not valid JSON for this operation");
	}

	private static Problem malformedParameter(MethodParameter parameter) {
		String name = inputName(parameter);
		return validationFailed(HttpStatus.BAD_REQUEST, "MALFORMED_PARAMETER", "Parameter '" + name + "' is malformed",
				List.of(fieldError(name, "must be " + expected(parameter.getParameterType()))));
	}

	/** What a parameter's type is, in the words of the API's conventions. */
	private static String expected(Class<?> type) {
		if (type == UUID.class) {
			return "a valid UUID";
		}
		if (type == LocalDate.class) {
			return "a date like 2026-12-24";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "a whole number";
		}
		return "a valid " + type.getSimpleName().toLowerCase(Locale.ROOT);
	}

	/** {@code rows[0].label}: where in the body a value was refused. */
	private static String fieldPath(DatabindException refused) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : refused.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return (path.length() > 0) ? path.toString() : "body";
	}

	private static Problem fromStatus(HttpStatusCode code) {
		HttpStatus status = HttpStatus.resolve(code.value());
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String detail = switch (status) {
			case NOT_FOUND -> "No such resource";
			case METHOD_NOT_ALLOWED -> "This method is not supported for this resource";
			case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json";
			case NOT_ACCEPTABLE -> "The requested media type cannot be produced";
			default -> status.getReasonPhrase();
		};
		return Problem.of(status, status.name(), detail);
	}

	private static Problem validationFailed(HttpStatus status, String code, String detail,
			List<Map<String, String>> errors) {
		Problem problem = Problem.of(status, code, detail);
		problem.members().put("errors", errors);
		return problem;
	}

	private static List<Map<String, String>> fieldErrors(WebExchangeBindException binding) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : binding.getFieldErrors()) {
			errors.add(fieldError(error.getField(), error.getDefaultMessage()));
		}
		binding.getGlobalErrors()
			.forEach((error) -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
		return errors;
	}

	private static Map<String, String> fieldError(String field, String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", message);
		return error;
	}

}
