package dev.lazarus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine's layers, read from its package names: each package depends only on the layers below it, and no two
 * packages depend on each other. Below the JUnit adapter ({@code engine}) nothing knows JUnit.
 */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lazarus");

    @Test
    void noPackageDependsOnAnotherThatDependsBackOnIt() {
        slices().matching("dev.lazarus.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void everyLayerDependsOnlyOnTheLayersBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("engine")
                .definedBy("dev.lazarus.engine..")
                .layer("run")
                .definedBy("dev.lazarus.run..")
                .layer("replay")
                .definedBy("dev.lazarus.replay..")
                .layer("gatekeeper")
                .definedBy("dev.lazarus.gatekeeper..")
                .layer("monitor")
                .definedBy("dev.lazarus.monitor..")
                .layer("registry")
                .definedBy("dev.lazarus.registry..")
                .layer("journal")
                .definedBy("dev.lazarus.journal..")
                .layer("check")
                .definedBy("dev.lazarus.check..")
                .layer("host")
                .definedBy("dev.lazarus.host..")
                .layer("verdict")
                .definedBy("dev.lazarus.verdict..")
                .layer("ssh")
                .definedBy("dev.lazarus.ssh..")
                .layer("plugin")
                .definedBy("dev.lazarus.plugin..")
                .layer("config")
                .definedBy("dev.lazarus.config..")
                .layer("inventory")
                .definedBy("dev.lazarus.inventory..")
                .layer("spi")
                .definedBy("dev.lazarus.spi..")
                .layer("assertj")
                .definedBy("dev.lazarus.assertj..")
                .layer("api")
                .definedBy("dev.lazarus.api..")
                .whereLayer("engine")
                .mayOnlyAccessLayers("run", "check", "verdict", "plugin", "config", "spi", "api")
                .whereLayer("run")
                .mayOnlyAccessLayers(
                        "replay",
                        "gatekeeper",
                        "monitor",
                        "registry",
                        "journal",
                        "check",
                        "host",
                        "verdict",
                        "ssh",
                        "plugin",
                        "config",
                        "spi",
                        "api")
                .whereLayer("replay")
                .mayOnlyAccessLayers("monitor", "registry", "journal", "plugin", "config", "spi", "api")
                .whereLayer("gatekeeper")
                .mayOnlyAccessLayers("monitor", "registry", "config", "spi", "api")
                .whereLayer("monitor")
                .mayOnlyAccessLayers("registry", "spi")
                .whereLayer("registry")
                .mayOnlyAccessLayers("journal", "verdict", "spi")
                .whereLayer("journal")
                .mayOnlyAccessLayers("spi")
                .whereLayer("check")
                .mayOnlyAccessLayers("host", "verdict", "spi", "api")
                .whereLayer("host")
                .mayOnlyAccessLayers("ssh", "verdict", "spi", "api")
                .whereLayer("verdict")
                .mayOnlyAccessLayers("ssh", "spi")
                .whereLayer("ssh")
                .mayOnlyAccessLayers("spi")
                .whereLayer("plugin")
                .mayOnlyAccessLayers("spi", "api")
                .whereLayer("config")
                .mayOnlyAccessLayers("check", "spi", "api")
                .whereLayer("inventory")
                .mayOnlyAccessLayers("spi", "api")
                .whereLayer("assertj")
                .mayOnlyAccessLayers("api")
                .whereLayer("spi")
                .mayOnlyAccessLayers("api")
                .whereLayer("api")
                .mayNotAccessAnyLayer()
                .check(ENGINE);
    }

    @Test
    void onlyTheJUnitAdapterKnowsJUnit() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.lazarus.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.junit..", "org.opentest4j..")
                .check(ENGINE);
    }
}
