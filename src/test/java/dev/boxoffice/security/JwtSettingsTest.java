package dev.boxoffice.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JwtSettingsTest {

	@Test
	void theServiceRefusesToSignWithoutAStrongSecret() {
		assertThatIllegalStateException().isThrownBy(() -> new JwtSettings(null, null))
			.withMessageContaining("BOXOFFICE_JWT_SECRET");
		assertThatIllegalStateException().isThrownBy(() -> new JwtSettings("", null));
		assertThatIllegalStateException().isThrownBy(() -> new JwtSettings("x".repeat(31), null));
	}

	@Test
	void aThirtyTwoByteSecretIsEnoughAndIsNeverPrinted() {
		JwtSettings settings = new JwtSettings("s".repeat(32), null);
		assertThat(settings.ttl()).isEqualTo(Duration.ofHours(1));
		assertThat(settings.toString()).doesNotContain("ssss");
	}

}
