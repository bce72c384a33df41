package dev.boxoffice;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package boundaries: features by package, no cycles, the catalog knows nothing of
 * seating.
 */
@AnalyzeClasses(packages = "dev.boxoffice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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
		.resideInAnyPackage("dev.boxoffice.catalog..", "dev.boxoffice.seating..", "dev.boxoffice.account..");

	@ArchTest
	static final ArchRule noJdbcAtRunTime = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("java.sql..", "org.springframework.jdbc..");

}
