package dev.lazarus.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazarus.journal.Events;
import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalEvent;
import dev.lazarus.replay.Rebuild;
import dev.lazarus.replay.RunReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path dir;

    @Test
    void ipsAreListedInNumericOrder() throws Exception {
        Path file = dir.resolve("ips.log");
        Artifacts.writeIps(file, List.of("127.0.1.10", "127.0.1.9", "127.0.2.1", "127.0.1.9"));
        assertThat(Files.readAllLines(file)).containsExactly("127.0.1.9", "127.0.1.10", "127.0.2.1");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temp file left behind").containsExactly(file);
        }
    }

    @Test
    void anythingButDottedIpv4SortsAfterTheAddressesByItsText() {
        List<String> ips = new ArrayList<>(
                List.of("node-b", "10.0.0.2", "127.0.0.300", "::1", "9.255.255.255", "127.0.0", "10.0.0.10", "1..2.3"));
        ips.sort(IpOrder.NUMERIC);
        assertThat(ips)
                .containsExactly(
                        "9.255.255.255", "10.0.0.2", "10.0.0.10", "1..2.3", "127.0.0", "127.0.0.300", "::1", "node-b");
    }

    @Test
    void aKilledRunWithManyGhostsIsRebuiltAndTheRecapStaysShort() throws Exception {
        Path journal = dir.resolve(Journal.FILE_NAME);
        List<String> gold =
                IntStream.rangeClosed(1, 30).mapToObj(i -> "127.0.1." + i).toList();
        try (Journal j = Journal.create(journal)) {
            j.append(new JournalEvent.RunStarted(
                    Events.now(), "run-1", "TomcatInstall", "embedded", 30, "1/1", 1, "17", List.of("true"), null));
            j.append(new JournalEvent.GoldList(
                    Events.now(),
                    "run-1",
                    "1/1",
                    gold.stream()
                            .map(ip -> new JournalEvent.GoldNode(ip, ip, ip))
                            .toList()));
            j.append(new JournalEvent.AttemptStarted(Events.now(), "u1", "127.0.1.1", "127.0.1.1", 1, "1/1", 1, "w"));
        }

        RunReplay replay = Rebuild.rebuild(journal);

        assertThat(replay.result().interrupted()).isTrue();
        assertThat(replay.result().assessment().ghosts()).hasSize(29);
        assertThat(replay.result()
                        .assessment()
                        .finalEntryByIp()
                        .get("127.0.1.1")
                        .tags())
                .containsExactly("stub", "interrupted", "last_event_attempt_started");
        String recap = ConsoleRecap.render(replay.context(), replay.result());
        assertThat(recap)
                .contains("… and 9 more (see aggregate_ghost_summary.log)")
                .contains("interrupted");
        assertThat(Files.readAllLines(dir.resolve(RegistryArtifacts.GHOST_SUMMARY)))
                .hasSize(29);
        assertThat(Files.readAllLines(dir.resolve(RegistryArtifacts.FAILED))).containsExactly("127.0.1.1");
    }
}
