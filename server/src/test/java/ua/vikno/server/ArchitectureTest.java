package ua.vikno.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Keeps the dependency direction of DESIGN.md true: config <- pbx-bridge <- {ivr, recorder, supervisor} <- server. */
class ArchitectureTest {
    static final JavaClasses VIKNO = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ua.vikno");

    @Test
    void configDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("ua.vikno.config..")
                .should().dependOnClassesThat().resideInAnyPackage("ua.vikno.pbx..", "ua.vikno.ivr..",
                        "ua.vikno.recorder..", "ua.vikno.supervisor..", "ua.vikno.sms..", "ua.vikno.appeals..",
                        "ua.vikno.server..")
                .allowEmptyShould(true).check(VIKNO);
    }

    @Test
    void ivrRecorderAndSupervisorSeeOnlyTheCallModelNeverSipRtpOrAsterisk() {
        noClasses().that().resideInAnyPackage("ua.vikno.ivr..", "ua.vikno.recorder..", "ua.vikno.supervisor..")
                .should().dependOnClassesThat().resideInAnyPackage("ua.vikno.pbx.sip..", "ua.vikno.pbx.rtp..",
                        "ua.vikno.pbx.asterisk..", "javax.sip..", "gov.nist..", "org.asteriskjava..")
                .allowEmptyShould(true).check(VIKNO);
    }

    @Test
    void theCallModelAssumesNoParticularBackEnd() {
        noClasses().that().resideInAPackage("ua.vikno.pbx")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..", "org.asteriskjava..")
                .allowEmptyShould(true).check(VIKNO);
    }

    @Test
    void smsAndAppealsKnowNothingOfTelephony() {
        noClasses().that().resideInAnyPackage("ua.vikno.sms..", "ua.vikno.appeals..")
                .should().dependOnClassesThat().resideInAnyPackage("ua.vikno.pbx..", "ua.vikno.ivr..",
                        "ua.vikno.recorder..", "ua.vikno.supervisor..", "ua.vikno.server..")
                .allowEmptyShould(true).check(VIKNO);
    }

    @Test
    void noModuleDependsOnTheServer() {
        noClasses().that().resideOutsideOfPackage("ua.vikno.server..")
                .should().dependOnClassesThat().resideInAPackage("ua.vikno.server..")
                .allowEmptyShould(true).check(VIKNO);
    }

    @Test
    void internalPackagesStayInsideTheirModule() {
        noClasses().that().resideOutsideOfPackage("ua.vikno.config..")
                .should().dependOnClassesThat().resideInAPackage("ua.vikno.config.internal..")
                .check(VIKNO);
        noClasses().that().resideOutsideOfPackage("ua.vikno.server..")
                .should().dependOnClassesThat().resideInAPackage("ua.vikno.server.internal..")
                .check(VIKNO);
    }
}
