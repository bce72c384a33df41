package dev.boxoffice.web;

import java.time.Duration;

import reactor.netty.NettyPipeline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebServerConfig {

	/** The longest a request's body may pause between two reads. */
	static final Duration BODY_PAUSE = Duration.ofSeconds(10);

	/** The longest reading a request's whole body may take. */
	static final Duration BODY_READ = Duration.ofSeconds(30);

	/**
	 * A client that announces a body and then sends it slowly, or not at all, would hold
	 * a connection and its buffers for as long as it liked; no token is needed to try
	 * (POST /auth/login). Reactor Netty ends such a request (408) and its connection. A
	 * request without a body, such as a seat stream, is not concerned.
	 */
	@Bean
	NettyServerCustomizer bodyReadTimeouts() {
		return (server) -> server.readTimeout(BODY_PAUSE).requestTimeout(BODY_READ);
	}

	/** Gives the errors Reactor Netty and Spring answer without a body their problem. */
	@Bean
	NettyServerCustomizer problemsForBareAnswers() {
		return (server) -> server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, "boxoffice.bareAnswersAsProblems", new BareAnswersAsProblems());
			}
		});
	}

	/**
	 * Reactor Netty's own forwarded-header support believes any client; ours believes
	 * only {@code BOXOFFICE_TRUSTED_PROXIES} (see {@link TrustedProxies}). Without
	 * trusted proxies, headers are ignored and the socket's peer is the client.
	 */
	@Bean
	NettyServerCustomizer trustedProxies(@Value("${boxoffice.trusted-proxies:}") String trusted) {
		TrustedProxies proxies = new TrustedProxies(trusted);
		return (server) -> proxies.isEmpty() ? server : server.forwarded(proxies);
	}

}
