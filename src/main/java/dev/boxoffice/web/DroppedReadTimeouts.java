package dev.boxoffice.web;

import io.netty.handler.timeout.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * A request whose body stops arriving (web.WebServerConfig) fails twice: once to the
 * handler, which answers it, and once more to the body's reader, which has already
 * finished; Reactor logs that second one as an ERROR ("onErrorDropped"). It is the
 * client's doing, so it is logged for debugging only; every other dropped error still
 * reaches the log as an ERROR, as by default.
 */
@Component
class DroppedReadTimeouts implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(DroppedReadTimeouts.class);

	@Override
	public void afterPropertiesSet() {
		Hooks.onErrorDropped((dropped) -> {
			if (dropped instanceof TimeoutException) {
				log.debug("A request's body stopped arriving after its answer: {}", dropped.toString());
			}
			else {
				log.error("Operator called default onErrorDropped", dropped);
			}
		});
	}

}
