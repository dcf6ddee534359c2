package ua.vikno.ivr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The IVR is pure logic over the call model: no back end, no I/O library but JAVE2 for prompts. */
class IvrArchitectureTest {
    static final JavaClasses IVR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ua.vikno.ivr");

    @Test
    void usesOnlyTheCallModelTheConfigurationVertxCoreAndJave() {
        classes().that().resideInAPackage("ua.vikno.ivr..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("ua.vikno.ivr..", "ua.vikno.pbx",
                        "ua.vikno.config", "io.vertx.core..", "org.slf4j..", "java..", "javax.sound..",
                        "ws.schild.jave..")
                .check(IVR);
    }

    @Test
    void schedulesKnowNothingOfCallsMenusOrRouting() {
        noClasses().that().resideInAPackage("ua.vikno.ivr.schedule..")
                .should().dependOnClassesThat().resideInAnyPackage("ua.vikno.pbx..", "ua.vikno.ivr.menu..",
                        "ua.vikno.ivr.routing..", "ua.vikno.ivr.prompt..")
                .check(IVR);
    }

    @Test
    void onlyThePromptLibraryTouchesJave() {
        noClasses().that().resideOutsideOfPackage("ua.vikno.ivr.prompt..")
                .should().dependOnClassesThat().resideInAPackage("ws.schild..")
                .check(IVR);
    }
}
