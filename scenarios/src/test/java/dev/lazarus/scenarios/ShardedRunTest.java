package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;

import dev.lazarus.api.Scenario;
import dev.lazarus.inject.Inject;
import dev.lazarus.replay.Merge;
import dev.lazarus.replay.RunReplay;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.RegistryEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A fleet run as four shards and merged gives the fleet-level verdicts of one run of the same fleet and seed. */
class ShardedRunTest {

    @Scenario(
            fleetSize = 40,
            commands = {"apt-get update", "apt-get install -y tomcat10"})
    @Inject(fault = "GHOST", count = 3)
    @Inject(fault = "STDERR_FAILURE", count = 3)
    @Inject(fault = "FORCE_TOMCAT_FAIL", count = 2)
    static class Seeded {}

    @TempDir
    Path out;

    private static Map<String, String> statuses(FleetAssessment a) {
        return a.finalEntryByIp().values().stream()
                .collect(Collectors.toMap(
                        RegistryEntry::publicIp,
                        e -> e.status().tag() + " "
                                + e.tags().stream()
                                        .filter(t -> !t.startsWith("stderr:"))
                                        .toList(),
                        (x, y) -> x,
                        TreeMap::new));
    }

    @Test
    void fourShardsMergedEqualOneRunOfTheSameFleetAndSeed() throws Exception {
        String[] common = {"lazarus.inject.seed", "7", "lazarus.resurrection.rounds", "0"};
        Path shards = Files.createDirectories(out.resolve("shards"));
        for (int index = 1; index <= 4; index++) {
            EngineExecutionResults results = Runs.execute(
                    shards,
                    selectClass(Seeded.class),
                    concat(common, "lazarus.shard.index", String.valueOf(index), "lazarus.shard.total", "4"));
            results.containerEvents()
                    .finished()
                    .assertThatEvents()
                    .haveExactly(1, event(container(), displayName("shard " + index + "/4 (gold list: 10 of 40 IPs)")));
            results.testEvents()
                    .finished()
                    .assertThatEvents()
                    .filteredOn(e -> e.getTestDescriptor().getDisplayName().startsWith("node "))
                    .hasSize(10);
        }
        Path whole = Files.createDirectories(out.resolve("whole"));
        Runs.execute(whole, selectClass(Seeded.class), common);

        RunReplay merged =
                Runs.quietly(() -> Merge.merge(out.resolve("merged"), null, Merge.journals(List.of(shards))));
        FleetAssessment sharded = merged.result().assessment();
        FleetAssessment one = RunReplay.of(Runs.journal(whole)).result().assessment();

        assertThat(sharded.gold()).hasSize(40).containsExactlyInAnyOrderElementsOf(one.gold());
        assertThat(sharded.ghosts()).hasSize(3).containsExactlyInAnyOrderElementsOf(one.ghosts());
        assertThat(statuses(sharded)).isEqualTo(statuses(one));
        assertThat(sharded.invariantHolds()).isTrue();
        assertThat(sharded.finalEntryByIp().values())
                .extracting(RegistryEntry::shard)
                .containsOnly("1/4", "2/4", "3/4", "4/4");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
