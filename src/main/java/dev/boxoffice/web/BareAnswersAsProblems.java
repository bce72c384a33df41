package dev.boxoffice.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

import org.springframework.http.MediaType;

/**
 * Some requests are refused before the application sees them: Reactor Netty answers a
 * request line over 4 KB (414), headers over 8 KB (431), a control character in a header
 * or a broken body (400); Spring answers a query it cannot decode ({@code ?city=%}) with
 * 400. Those answers have no body, where API.md promises a problem document for every
 * error. This handler, one per connection just after the HTTP codec, gives an error
 * answer without a body and without a content type the problem body it lacks. Answers of
 * the application always have a content type, so they pass untouched.
 */
final class BareAnswersAsProblems extends ChannelOutboundHandlerAdapter {

	/** The body to send in place of the empty last content that follows a bare answer. */
	private byte[] pending;

	@Override
	public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
		if (message instanceof HttpResponse response && isBare(response)) {
			byte[] body = problem(response.status().code(), response.status().reasonPhrase());
			response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			HttpUtil.setContentLength(response, body.length);
			if (message instanceof FullHttpResponse full) {
				full.content().release();
				super.write(context, full.replace(Unpooled.wrappedBuffer(body)), promise);
				return;
			}
			this.pending = body;
		}
		else if (message instanceof LastHttpContent last && this.pending != null && !last.content().isReadable()) {
			byte[] body = this.pending;
			this.pending = null;
			last.release();
			super.write(context, new DefaultLastHttpContent(Unpooled.wrappedBuffer(body)), promise);
			return;
		}
		super.write(context, message, promise);
	}

	private static boolean isBare(HttpResponse response) {
		return response.status().code() >= 400 && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
				&& HttpUtil.getContentLength(response, -1L) == 0;
	}

	private static byte[] problem(int status, String reason) {
		String code = switch (status) {
			case 400 -> "MALFORMED_REQUEST";
			case 414 -> "URI_TOO_LONG";
			case 431 -> "HEADERS_TOO_LARGE";
			default -> reason.toUpperCase(Locale.ROOT).replace(' ', '_');
		};
		String detail = switch (status) {
			case 400 -> "The request line, a header or the body's framing is malformed";
			case 414 -> "The request line is too long";
			case 431 -> "The request's headers are too large";
			default -> reason;
		};
		String json = "{\"type\":\"urn:boxoffice:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')
				+ "\",\"title\":\"" + reason + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\""
				+ code + "\"}";
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
