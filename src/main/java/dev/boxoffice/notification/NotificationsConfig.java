package dev.boxoffice.notification;

import dev.boxoffice.BackgroundLoop;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationsConfig {

	@Bean
	BackgroundLoop bookingNotificationsLoop(BookingNotifications notifications) {
		return notifications.loop();
	}

}
