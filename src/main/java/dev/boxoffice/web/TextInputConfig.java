package dev.boxoffice.web;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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

/** Where {@link UnfitText} is refused: every JSON string and query parameter. */
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
				String fault = UnfitText.fault(parameter.getKey());
				for (String value : parameter.getValue()) {
					if (fault == null && value != null) {
						fault = UnfitText.fault(value);
					}
				}
				if (fault != null) {
					return problems.write(exchange, new UnfitTextIn(parameter.getKey(), fault));
				}
			}
			return chain.filter(exchange);
		};
	}

	static final class PlainTextDeserializer extends StdScalarDeserializer<String> {

		PlainTextDeserializer() {
			super(String.class);
		}

		/**
		 * Only a JSON string is text: a number or a boolean where text is expected (a
		 * title of {@code true}, a genre of {@code 1e400}) is the client's mistake, not
		 * something to store as its spelling.
		 */
		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return (String) context.handleUnexpectedToken(String.class, parser);
			}
			String text = StringDeserializer.instance.deserialize(parser, context);
			String fault = (text != null) ? UnfitText.fault(text) : null;
			if (fault != null) {
				throw new Refused(parser, text, fault);
			}
			return text;
		}

		@Override
		public boolean isCachable() {
			return true;
		}

		/** Marks the refusal so the problem mapping can name the field. */
		static final class Refused extends InvalidFormatException {

			private final String fault;

			Refused(JsonParser parser, String value, String fault) {
				super(parser, fault, value, String.class);
				this.fault = fault;
			}

			String fault() {
				return this.fault;
			}

		}

	}

}
