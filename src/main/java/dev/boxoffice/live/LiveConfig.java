package dev.boxoffice.live;

import dev.boxoffice.BackgroundLoop;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LiveConfig {

	@Bean
	BackgroundLoop seatFeedLoop(SeatFeed feed) {
		return feed.loop();
	}

}
