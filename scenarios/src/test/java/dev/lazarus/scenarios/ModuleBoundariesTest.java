package dev.lazarus.scenarios;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What plugs into the engine does so through its API and SPI only: the embedded fleet, the EC2 control plane, fault
 * injection and the reports never reach into the engine's own packages (reading a finished run back, {@code
 * replay}, is offered to their commands). Across all of them, no two packages depend on each other.
 */
class ModuleBoundariesTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lazarus");

    @Test
    void pluginsUseTheEngineOnlyThroughItsApiAndSpi() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.lazarus.fleet..",
                        "dev.lazarus.controlplane..",
                        "dev.lazarus.inject..",
                        "dev.lazarus.reports..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.lazarus.engine..",
                        "dev.lazarus.run..",
                        "dev.lazarus.gatekeeper..",
                        "dev.lazarus.monitor..",
                        "dev.lazarus.registry..",
                        "dev.lazarus.journal..",
                        "dev.lazarus.verdict..",
                        "dev.lazarus.ssh..",
                        "dev.lazarus.plugin..",
                        "dev.lazarus.config..",
                        "dev.lazarus.inventory..")
                .check(ALL);
    }

    @Test
    void noPackageOfAnyModuleDependsOnAnotherThatDependsBackOnIt() {
        slices().matching("dev.lazarus.(**)").should().beFreeOfCycles().check(ALL);
    }
}
