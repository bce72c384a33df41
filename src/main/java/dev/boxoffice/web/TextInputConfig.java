package dev.boxoffice.web;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/** Where {@link ControlCharacters} are refused: every JSON string and query parameter. */
@Configuration(proxyBeanMethods = false)
class TextInputConfig {

	/** Every string of every JSON body the service reads. */
	@Bean
	SimpleModule plainTextStrings() {
		return new SimpleModule("plain-text-strings").addDeserializer(String.class, new PlainTextDeserializer());
	}

	/** Every query parameter, before anything else looks at the request. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	WebFilter plainTextParameters(ProblemWriter problems) {
		return (exchange, chain) -> {
			for (Map.Entry<String, List<String>> parameter : exchange.getRequest().getQueryParams().entrySet()) {
				if (ControlCharacters.in(parameter.getKey()) || parameter.getValue()
					.stream()
					.anyMatch((value) -> value != null && ControlCharacters.in(value))) {
					return problems.write(exchange, new ControlCharactersInText(parameter.getKey()));
				}
			}
			return chain.filter(exchange);
		};
	}

	static final class PlainTextDeserializer extends StdScalarDeserializer<String> {

		PlainTextDeserializer() {
			super(String.class);
		}

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String text = StringDeserializer.instance.deserialize(parser, context);
			if (text != null && ControlCharacters.in(text)) {
				throw new Refused(parser, text);
			}
			return text;
		}

		@Override
		public boolean isCachable() {
			return true;
		}

		/** Marks the refusal so the problem mapping can name the field. */
		static final class Refused extends InvalidFormatException {

			Refused(JsonParser parser, String value) {
				super(parser, "must not contain control characters", value, String.class);
			}

		}

	}

}
