package dev.boxoffice.web;

import reactor.netty.NettyPipeline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebServerConfig {

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
