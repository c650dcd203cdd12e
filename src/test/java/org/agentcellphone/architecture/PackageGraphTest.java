package org.agentcellphone.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The product's package graph, read from its compiled classes: the rules that keep each change local. */
class PackageGraphTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.agentcellphone");

    @Test
    void packagesFormNoCycle() {
        slices().matching("org.agentcellphone.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void theCommandLineNeverReachesIntoDelivery() {
        noClasses().that().resideInAPackage("org.agentcellphone.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.agentcellphone.delivery..")
                .check(PRODUCT);
    }

    @Test
    void theStoreKnowsNothingOfIntakeDeliveryOperationsOrTheRouter() {
        noClasses().that().resideInAPackage("org.agentcellphone.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.agentcellphone.intake..",
                        "org.agentcellphone.delivery..", "org.agentcellphone.operations..", "org.agentcellphone.router..",
                        "org.agentcellphone.cli..")
                .check(PRODUCT);
    }

    @Test
    void onlyTheRouterKnowsCamel() {
        noClasses().that().resideOutsideOfPackage("org.agentcellphone.router..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .check(PRODUCT);
    }

    @Test
    void onlyTheEntryPointLivesAtTheTop() {
        classes().that().resideInAPackage("org.agentcellphone").should().haveSimpleName("App").check(PRODUCT);
    }
}
