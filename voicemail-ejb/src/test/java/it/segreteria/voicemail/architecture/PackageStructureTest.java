package it.segreteria.voicemail.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, kept by the build: feature packages depend on each other in one direction
 * only, entities never reach up to boundaries, and the protocol adapters are the only code that
 * speaks SIP.
 */
class PackageStructureTest {

    private static final JavaClasses SERVICE =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("it.segreteria.voicemail");

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching("it.segreteria.voicemail.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void layersInsideAFeatureFormNoCycle() {
        slices().matching("it.segreteria.voicemail.(*).(*)..")
                .should()
                .beFreeOfCycles()
                .check(SERVICE);
    }

    @Test
    void entitiesDoNotDependOnBoundariesOrControls() {
        noClasses()
                .that()
                .resideInAPackage("..entity..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..boundary..", "..control..")
                .check(SERVICE);
    }

    @Test
    void sharedValueTypesDependOnNothingOfTheService() {
        noClasses()
                .that()
                .resideInAPackage("it.segreteria.voicemail.shared..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "it.segreteria.voicemail.shared..", "java..", "jakarta.persistence..")
                .check(SERVICE);
    }

    /** Provisioning may parse a SIP URI (a PBX address); only the adapter handles SIP messages. */
    @Test
    void onlyTheSipAdapterSpeaksSip() {
        noClasses()
                .that()
                .resideOutsideOfPackage("it.segreteria.voicemail.sip..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javax.sip",
                        "javax.sip.header..",
                        "javax.sip.message..",
                        "gov.nist.javax.sip",
                        "gov.nist.javax.sip.header..",
                        "gov.nist.javax.sip.message..",
                        "gov.nist.javax.sip.stack..")
                .check(SERVICE);
    }

    @Test
    void callsDoNotKnowTheirAdapters() {
        noClasses()
                .that()
                .resideInAPackage("it.segreteria.voicemail.call..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "it.segreteria.voicemail.sip..",
                        "it.segreteria.voicemail.media..",
                        "it.segreteria.voicemail.message..")
                .check(SERVICE);
    }
}
