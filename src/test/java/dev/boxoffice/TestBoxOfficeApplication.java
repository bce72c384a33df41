package dev.boxoffice;

import dev.boxoffice.support.BackingServices;
import dev.boxoffice.support.ContainerConnections;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the service with its backing services resolved as
 * the tests resolve them (environment, containers, or embedded servers) and demo data
 * loaded, so a newcomer can curl a seat map within a minute of cloning. Containers, when
 * it runs in some, are also its service connections ({@link ContainerConnections}).
 */
public class TestBoxOfficeApplication {

	public static void main(String[] args) {
		BackingServices.properties("boxoffice_dev").forEach(System::setProperty);
		setDefault("boxoffice.jwt.secret", "dev-only-secret-never-use-in-production-0123456789");
		setDefault("boxoffice.admin.email", "admin@boxoffice.dev");
		setDefault("boxoffice.admin.password", "admin-password");
		SpringApplication.from(BoxOfficeApplication::main).with(DemoData.class, ContainerConnections.class).run(args);
	}

	private static void setDefault(String name, String value) {
		String environmentName = name.toUpperCase().replace('.', '_');
		if (System.getenv(environmentName) == null && System.getProperty(name) == null) {
			System.setProperty(name, value);
		}
	}

}
