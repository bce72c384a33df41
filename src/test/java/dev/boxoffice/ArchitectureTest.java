package dev.boxoffice;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package boundaries: features by package without cycles, the broker and the database
 * behind their adapters, HTTP at the edge. ArchUnit fails a rule whose "that" matches no
 * class, so none of these can pass by naming a package that does not exist.
 */
@AnalyzeClasses(packages = "dev.boxoffice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	private static final String[] DOMAIN_ROOTS = { "dev.boxoffice.seating", "dev.boxoffice.booking" };

	@ArchTest
	static final ArchRule featuresDoNotDependOnEachOtherInCycles = slices().matching("dev.boxoffice.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule theCatalogDoesNotKnowAboutSeating = noClasses().that()
		.resideInAPackage("dev.boxoffice.catalog..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.boxoffice.seating..");

	@ArchTest
	static final ArchRule theWebEdgeDependsOnNoFeature = noClasses().that()
		.resideInAPackage("dev.boxoffice.web..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.boxoffice.catalog..", "dev.boxoffice.seating..", "dev.boxoffice.account..",
				"dev.boxoffice.booking..", "dev.boxoffice.live..", "dev.boxoffice.events..");

	@ArchTest
	static final ArchRule noJdbcAtRunTime = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("java.sql..", "org.springframework.jdbc..");

	/** Reactor Kafka is discontinued upstream: one package knows it, behind a port. */
	@ArchTest
	static final ArchRule onlyTheEventsPackageTouchesKafka = noClasses().that()
		.resideOutsideOfPackage("dev.boxoffice.events..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka..", "reactor.kafka..", "org.springframework.kafka..");

	/**
	 * The rules of seating and booking speak their own language: HTTP lives in their web
	 * packages, Redis and PostgreSQL in their adapters.
	 */
	@ArchTest
	static final ArchRule theDomainRootsKnowNoHttpNoDatabaseNoRedis = noClasses().that()
		.resideInAnyPackage(DOMAIN_ROOTS)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.http..", "org.springframework.web..", "io.r2dbc..",
				"org.springframework.r2dbc..", "org.springframework.data.redis..", "io.lettuce..",
				"dev.boxoffice.web..");

	/** SQL is written in repositories, where a table's owner can see all of it. */
	@ArchTest
	static final ArchRule onlyRepositoriesTalkToTheDatabase = noClasses().that()
		.areNotAnnotatedWith(Repository.class)
		.and()
		.resideOutsideOfPackage("..r2dbc..")
		.should()
		.dependOnClassesThat()
		.areAssignableTo(DatabaseClient.class);

	/** Failures are domain errors; only the web edge builds an HTTP problem. */
	@ArchTest
	static final ArchRule repositoriesThrowNothingHttp = noClasses().that()
		.areAnnotatedWith(Repository.class)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.http..", "dev.boxoffice.web..");

}
