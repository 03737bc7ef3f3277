package dev.lazarus.reports.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lazarus.reports.RegistryArtifacts;
import dev.lazarus.reports.ResurrectionArtifacts;
import dev.lazarus.spi.ArtifactFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The run's fleet for the Lazarus Fleet plugin of the Allure CLI ({@code lazarus-allure-plugin}): a file
 * {@code lazarus-fleet-<run id>.json} in the results folder, made of the run's artifacts as the run folder holds
 * them, so the widget shows what {@code run_summary.json} says, for a run, a rebuild and a merge alike:
 * {@code summary} ({@code run_summary.json} as it is), {@code gold} (the gold list), {@code ghost_detail}
 * ({@code aggregate_ghost_detail.json} as it is) and {@code attempts} (the registry, each attempt's identity,
 * status and tags only). The plugin reads it at {@code allure generate} time; Allure itself ignores it.
 */
final class FleetFile {

    static final String PREFIX = "lazarus-fleet-";

    /** What the tab needs of a registry entry. */
    private static final List<String> ATTEMPT_FIELDS = List.of(
            "thread_uuid",
            "public_ip",
            "shard",
            "attempt",
            "status",
            "tags",
            "final",
            "ghost",
            "superseded_by",
            "previous_thread_uuid",
            "last_event");

    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetFile() {}

    static String name(String runId) {
        return PREFIX + runId + ".json";
    }

    /**
     * Writes the fleet file of the run in {@code runDir} into {@code results}.
     *
     * @return the file, or empty when the run folder has no {@code run_summary.json} (the registry artifacts were not
     *     enabled)
     */
    static Optional<Path> write(Path runDir, String runId, Path results) throws IOException {
        Path summaryFile = runDir.resolve(RegistryArtifacts.SUMMARY);
        if (!Files.isRegularFile(summaryFile)) {
            return Optional.empty();
        }
        ObjectNode fleet = JSON.createObjectNode();
        fleet.put("format", 1);
        fleet.set("summary", JSON.readTree(summaryFile.toFile()));
        ArrayNode gold = fleet.putArray("gold");
        Path goldFile = runDir.resolve(RegistryArtifacts.GOLD_LIST);
        if (Files.isRegularFile(goldFile)) {
            Files.readAllLines(goldFile).stream()
                    .map(String::strip)
                    .filter(ip -> !ip.isEmpty())
                    .forEach(gold::add);
        }
        Path ghostFile = runDir.resolve(ResurrectionArtifacts.GHOST_DETAIL);
        fleet.set(
                "ghost_detail",
                Files.isRegularFile(ghostFile) ? JSON.readTree(ghostFile.toFile()) : JSON.createArrayNode());
        ArrayNode attempts = fleet.putArray("attempts");
        Path registryFile = runDir.resolve(RegistryArtifacts.REGISTRY);
        if (Files.isRegularFile(registryFile)) {
            for (JsonNode entry : JSON.readTree(registryFile.toFile())) {
                ObjectNode attempt = attempts.addObject();
                for (String field : ATTEMPT_FIELDS) {
                    if (entry.has(field)) {
                        attempt.set(field, entry.get(field));
                    }
                }
            }
        }
        Path target = Files.createDirectories(results).resolve(name(runId));
        ArtifactFiles.write(target, JSON.writeValueAsBytes(fleet));
        return Optional.of(target);
    }
}
