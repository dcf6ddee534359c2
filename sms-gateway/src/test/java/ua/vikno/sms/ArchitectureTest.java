package ua.vikno.sms;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package tree shows the architecture (STYLE.md habit 1) and DESIGN.md's dependency direction holds. */
class ArchitectureTest {
    static final JavaClasses SMS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ua.vikno.sms");

    @Test
    void theGatewayKnowsOnlyTheConfigOfOtherViknoModules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("ua.vikno.pbx..", "ua.vikno.ivr..",
                "ua.vikno.recorder..", "ua.vikno.supervisor..", "ua.vikno.appeals..", "ua.vikno.server..")
                .check(SMS);
    }

    @Test
    void theGatewayDoesNotDependOnTheSimulator() {
        noClasses().that().resideOutsideOfPackage("ua.vikno.sms.simulator..")
                .should().dependOnClassesThat().resideInAPackage("ua.vikno.sms.simulator..")
                .check(SMS);
    }

    @Test
    void jsmppStaysBehindTheApi() {
        classes().that().resideInAPackage("ua.vikno.sms")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("org.jsmpp..")
                .check(SMS);
    }
}
