package dev.boxoffice.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The few calls BlockHound reports that do not block in practice. Every entry needs a
 * reason: an allowance is a claim that a thread will not wait.
 */
public class BoxOfficeBlockHoundIntegration implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// SecureRandom (UUIDs, BCrypt salts) reads /dev/urandom, which never blocks on
		// Linux
		// once the kernel is seeded; BlockHound only sees a FileInputStream read.
		builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
		builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "ensureBufferValid");
	}

}
