package dev.lazarus.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lazarus.journal.Journal;
import dev.lazarus.journal.JournalFixtures;
import dev.lazarus.journal.JournalReader;
import dev.lazarus.registry.Registry;
import dev.lazarus.spi.FleetAssessment;
import dev.lazarus.spi.Status;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorTest {

    @TempDir
    Path dir;

    private FleetAssessment assess(Consumer<Journal> writes) {
        Path file = dir.resolve(Journal.FILE_NAME);
        try (Journal journal = Journal.create(file)) {
            writes.accept(journal);
        }
        return Monitor.assess(Registry.replay(JournalReader.read(file).events()));
    }

    @Test
    void anIpWithoutAnEntryIsAGhostAndTheInvariantHolds() {
        FleetAssessment a = assess(j -> {
            JournalFixtures.gold(j, "127.0.1.1", "127.0.1.2", "127.0.1.3");
            JournalFixtures.attempt(j, "127.0.1.1", Status.INSTALL_SUCCESS);
            JournalFixtures.attempt(j, "127.0.1.3", Status.INSTALL_FAILED);
        });
        assertThat(a.ghosts()).containsExactly("127.0.1.2");
        assertThat(a.tracedInGold()).isEqualTo(2);
        assertThat(a.invariantHolds()).isTrue();
        assertThat(a.arithmetic()).startsWith("|gold| 3 == |IPs with a final entry| 2 + |ghosts| 1");
    }

    @Test
    void aWorkerThatVanishedBeforeItsVerdictIsAGhostWithItsLastEvent() {
        Path file = dir.resolve(Journal.FILE_NAME);
        try (Journal j = Journal.create(file)) {
            JournalFixtures.gold(j, "127.0.1.1", "127.0.1.2");
            JournalFixtures.attempt(j, "127.0.1.1", Status.INSTALL_SUCCESS);
            JournalFixtures.vanished(j, "127.0.1.2");
        }
        Registry registry = Registry.replay(JournalReader.read(file).events());
        FleetAssessment a = Monitor.assess(registry);
        assertThat(a.ghosts()).containsExactly("127.0.1.2");
        assertThat(registry.lastEventOf("127.0.1.2")).contains("connected");
        assertThat(a.invariantHolds()).isTrue();
    }

    @Test
    void anEntryWithoutAValidIpIsUntraceableAndNotCounted() {
        FleetAssessment a = assess(j -> {
            JournalFixtures.gold(j, "127.0.1.1");
            JournalFixtures.attempt(j, "127.0.1.1", Status.INSTALL_SUCCESS);
            JournalFixtures.attempt(j, "unknown", Status.INSTALL_FAILED);
        });
        assertThat(a.untraceable())
                .singleElement()
                .satisfies(e -> assertThat(e.publicIp()).isEqualTo("unknown"));
        assertThat(a.ghosts()).isEmpty();
        assertThat(a.invariantHolds()).isTrue();
    }

    @Test
    void anIpOutsideTheGoldListBreaksTheInvariant() {
        FleetAssessment a = assess(j -> {
            JournalFixtures.gold(j, "127.0.1.1");
            JournalFixtures.attempt(j, "127.0.1.1", Status.INSTALL_SUCCESS);
            JournalFixtures.attempt(j, "127.0.9.9", Status.INSTALL_SUCCESS);
        });
        assertThat(a.foreign()).containsExactly("127.0.9.9");
        assertThat(a.invariantHolds()).isFalse();
    }

    @Test
    void twoFinalEntriesForOneAttemptOfAnIpAreCountedTwice() {
        FleetAssessment a = assess(j -> {
            JournalFixtures.gold(j, "127.0.1.1", "127.0.1.2");
            JournalFixtures.attempt(j, "127.0.1.1", Status.INSTALL_SUCCESS);
            JournalFixtures.attempt(j, "127.0.1.1", Status.STUB);
            JournalFixtures.attempt(j, "127.0.1.2", Status.INSTALL_SUCCESS);
        });
        assertThat(a.countedTwice()).containsExactly("127.0.1.1");
        assertThat(a.invariantHolds()).isFalse();
    }
}
