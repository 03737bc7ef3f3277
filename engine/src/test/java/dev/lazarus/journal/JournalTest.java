package dev.lazarus.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazarus.registry.Registry;
import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void eventsRoundTripAndRebuildTheRegistry() {
        Path file = dir.resolve(Journal.FILE_NAME);
        try (Journal journal = Journal.create(file)) {
            JournalFixtures.attempt(journal, "127.0.1.1", Status.INSTALL_SUCCESS);
            JournalFixtures.attempt(journal, "127.0.1.2", Status.STUB);
        }
        JournalReader.Contents contents = JournalReader.read(file);
        assertThat(contents.truncatedTail()).isFalse();
        Registry registry = Registry.replay(contents.events());
        assertThat(registry.finalEntries())
                .extracting(RegistryEntry::publicIp, RegistryEntry::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("127.0.1.1", Status.INSTALL_SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("127.0.1.2", Status.STUB));
        RegistryEntry stub = registry.finalEntryByIp().get("127.0.1.2");
        assertThat(stub.commands()).singleElement().satisfies(c -> {
            assertThat(c.command()).isEqualTo("apt-get update");
            assertThat(c.exitStatus()).isEqualTo(1);
        });
        assertThat(stub.lastEvent()).isEqualTo("attempt_finished");
    }

    @Test
    void linesAreSnakeCaseJsonWithTheEventName() throws Exception {
        Path file = dir.resolve(Journal.FILE_NAME);
        try (Journal journal = Journal.create(file)) {
            JournalFixtures.attempt(journal, "127.0.1.1", Status.INSTALL_SUCCESS);
        }
        String first = Files.readAllLines(file).get(0);
        assertThat(first)
                .startsWith("{\"event\":\"attempt_started\"")
                .contains("\"thread_uuid\":")
                .contains("\"public_ip\":\"127.0.1.1\"");
    }

    @Test
    void aTruncatedLastLineIsToleratedAndReported() throws Exception {
        Path file = dir.resolve(Journal.FILE_NAME);
        try (Journal journal = Journal.create(file)) {
            JournalFixtures.gold(journal, "127.0.1.1", "127.0.1.2");
            JournalFixtures.attempt(journal, "127.0.1.1", Status.INSTALL_SUCCESS);
        }
        // a crash in the middle of writing the next line
        Files.writeString(
                file,
                "{\"event\":\"attempt_started\",\"ts\":\"2026-11-24T10:00:00Z\",\"thread_u",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        JournalReader.Contents contents = JournalReader.read(file);

        assertThat(contents.truncatedTail()).isTrue();
        Registry registry = Registry.replay(contents.events());
        assertThat(registry.goldIps()).containsExactly("127.0.1.1", "127.0.1.2");
        assertThat(registry.finalEntries()).hasSize(1);
    }

    @Test
    void aTailReturnsEveryEventAndTakesALineBeingWrittenOnceItIsWhole() throws Exception {
        Path file = dir.resolve(Journal.FILE_NAME);
        JournalTail tail = new JournalTail(file);
        try (Journal journal = Journal.create(file)) {
            JournalFixtures.gold(journal, "127.0.1.1", "127.0.1.2");
            assertThat(tail.read().events()).hasSize(1);
            JournalFixtures.attempt(journal, "127.0.1.1", Status.INSTALL_SUCCESS);
        }
        List<JournalEvent> whole = tail.read().events();
        assertThat(whole).isEqualTo(JournalReader.read(file).events()).hasSizeGreaterThan(1);

        String line = Files.readAllLines(file).get(1);
        Files.writeString(file, line.substring(0, 30), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        JournalReader.Contents half = tail.read();
        assertThat(half.truncatedTail()).isTrue();
        assertThat(half.events()).isEqualTo(whole);

        Files.writeString(file, line.substring(30) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        JournalReader.Contents done = tail.read();
        assertThat(done.truncatedTail()).isFalse();
        assertThat(done.events()).hasSize(whole.size() + 1).endsWith(whole.get(1));
    }

    @Test
    void aCorruptLineInTheMiddleFailsWithItsLineNumber() throws Exception {
        Path file = dir.resolve(Journal.FILE_NAME);
        Files.write(
                file,
                List.of(
                        "{\"event\":\"gold_list\",\"ts\":\"t\",\"nodes\":[]}",
                        "not json",
                        "{\"event\":\"run_finished\",\"ts\":\"t\"}"));
        assertThatThrownBy(() -> JournalReader.read(file))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void aTailThatMeetsACorruptLineKeepsNothingOfThatRead() throws Exception {
        Path file = dir.resolve(Journal.FILE_NAME);
        String gold = "{\"event\":\"gold_list\",\"ts\":\"t\",\"nodes\":[]}";
        Files.write(file, List.of(gold));
        JournalTail tail = new JournalTail(file);
        assertThat(tail.read().events()).hasSize(1);
        Files.write(file, List.of(gold, "not json", gold), StandardOpenOption.APPEND);
        for (int read = 1; read <= 2; read++) { // the same answer each time: the first failed read left no half
            assertThatThrownBy(tail::read)
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("line 3 is corrupt");
        }
    }

    @Test
    void anExistingJournalIsNeverOverwritten() throws Exception {
        Path file = dir.resolve(Journal.FILE_NAME);
        Files.writeString(file, "earlier run\n");
        assertThatThrownBy(() -> Journal.create(file)).isInstanceOf(JournalException.class);
        assertThat(Files.readString(file)).isEqualTo("earlier run\n");
    }
}
