package dev.boxoffice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BoxOfficeApplication {

	public static void main(String[] args) {
		SpringApplication.run(BoxOfficeApplication.class, args);
	}

}
