package dev.lazarus.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectResultsTest {

    @TempDir
    Path tmp;

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path runResults() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run/allure-results"));
        Files.writeString(run.resolve("a-result.json"), "{}");
        Files.writeString(run.resolve("b-attachment.txt"), "stdout");
        Files.writeString(run.resolve("categories.json"), "[{\"name\":\"Ghosts\"},{\"name\":\"Product defects\"}]");
        Files.writeString(run.resolve("environment.properties"), "fleet.size=8\ncontrol.plane=embedded\n");
        Files.writeString(run.resolve("executor.json"), "{\"name\":\"lazarus\"}");
        return run;
    }

    @Test
    void theRunsResultsJoinTheProjectsAndTheSharedFilesAreMerged() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project/allure-results"));
        Files.writeString(project.resolve("jupiter-result.json"), "{}");
        Files.writeString(project.resolve("categories.json"), "[{\"name\":\"Product defects\",\"mine\":true}]");
        Files.writeString(project.resolve("environment.properties"), "fleet.size=4\nbrowser=chromium\n");
        Files.writeString(project.resolve("executor.json"), "{\"name\":\"GitLab\"}");
        Path run = runResults();

        assertThat(ProjectResults.publish(run, project, false)).isEqualTo(project);

        assertThat(run).doesNotExist();
        assertThat(names(project))
                .containsExactly(
                        "a-result.json",
                        "b-attachment.txt",
                        "categories.json",
                        "environment.properties",
                        "executor.json",
                        "jupiter-result.json");
        assertThat(Files.readString(project.resolve("categories.json")))
                .contains("\"mine\" : true", "Ghosts")
                .containsOnlyOnce("Product defects");
        assertThat(Files.readString(project.resolve("environment.properties")))
                .contains("fleet.size=8", "browser=chromium", "control.plane=embedded");
        assertThat(Files.readString(project.resolve("executor.json"))).contains("GitLab");
    }

    @Test
    void bothKeepsTheRunFoldersCopy() throws Exception {
        Path run = runResults();
        Path project = tmp.resolve("project/allure-results");
        ProjectResults.publish(run, project, true);
        assertThat(names(run)).isEqualTo(names(project));
    }

    @Test
    void theTargetIsTheProjectOnlyWhenTheProjectUsesAllureOrItIsAskedFor() {
        assertThat(ProjectAllure.Target.of(Optional.empty()).resolve(true)).isEqualTo(ProjectAllure.Target.PROJECT);
        assertThat(ProjectAllure.Target.of(Optional.empty()).resolve(false)).isEqualTo(ProjectAllure.Target.RUN);
        assertThat(ProjectAllure.Target.of(Optional.of(" Both ")).resolve(false))
                .isEqualTo(ProjectAllure.Target.BOTH);
        assertThat(ProjectAllure.Target.of(Optional.of("run")).resolve(true)).isEqualTo(ProjectAllure.Target.RUN);
        assertThatThrownBy(() -> ProjectAllure.Target.of(Optional.of("target")))
                .hasMessage("lazarus.allure.results='target' is not a results target; allowed: auto, run, project,"
                        + " both");
        // this module's test class path has no Allure listener and no allure.properties
        assertThat(ProjectAllure.projectUsesAllure(getClass().getClassLoader())).isFalse();
    }

    @Test
    void theListenersCopiesOfLazarusTestsAreLeftOutAndEverythingElseIsWritten() throws Exception {
        Path dir = tmp.resolve("allure-results");
        LazarusTestsLeftOut writer = new LazarusTestsLeftOut(new FileSystemResultsWriter(dir));
        writer.write(result("node", "[engine:lazarus]/[scenario:x.TomcatFleetTest]/[shard:1]/[node:127.0.1.1]"));
        writer.write(result(
                "check",
                "[engine:lazarus]/[scenario:x.TomcatFleetTest]/[shard:1]/[node:127.0.1.1]" + "/[check:tomcatServes]"));
        writer.write(result("jupiter", "[engine:junit-jupiter]/[class:x.PlainTest]/[method:works()]"));
        writer.write(new TestResultContainer().setUuid("lazarus-container").setChildren(List.of("node", "check")));
        writer.write(new TestResultContainer().setUuid("jupiter-container").setChildren(List.of("jupiter")));
        writer.write("s-attachment.txt", new ByteArrayInputStream(new byte[] {1}));

        assertThat(names(dir))
                .containsExactly("jupiter-container-container.json", "jupiter-result.json", "s-attachment.txt");
    }

    @Test
    void allureCleaningTheFolderBeforeTheRunHappensWhenTheSessionOpensNotAtItsFirstWrite() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("allure-results"));
        Files.writeString(dir.resolve("old-result.json"), "{}");
        java.util.Properties clean = new java.util.Properties();
        clean.setProperty("allure.results.directory", dir.toString());
        clean.setProperty("allure.results.clean.before.run", "true");

        FileSystemResultsWriter writer = OneAllureResultsDirectory.defaultWriter(clean);
        assertThat(names(dir))
                .as("the last run's results, gone when the session opens")
                .isEmpty();
        Files.writeString(dir.resolve("lazarus-result.json"), "{}"); // Lazarus's, before the first Jupiter test's
        writer.write(result("jupiter", "[engine:junit-jupiter]/[class:x.PlainTest]/[method:works()]"));

        assertThat(names(dir)).containsExactly("jupiter-result.json", "lazarus-result.json");
    }

    private static TestResult result(String uuid, String uniqueId) {
        return new TestResult()
                .setUuid(uuid)
                .setName(uuid)
                .setLabels(
                        List.of(new Label().setName("junit.platform.uniqueid").setValue(uniqueId)));
    }
}
