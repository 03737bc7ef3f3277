package dev.lazarus.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lazarus.journal.Journal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file a run writes is 0644, whatever the umask and although a temp file is made 0600. */
class ArtifactFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posix() {
        assumeTrue(
                Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null,
                "the file system has no POSIX permissions: files are left as it makes them");
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void anArtifactWrittenThroughATempFileIsReadable() throws Exception {
        Path file = dir.resolve("run_summary.json");

        ArtifactFiles.write(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(mode(file)).isEqualTo("rw-r--r--");
        assertThat(file).hasContent("{}");
        // replacing it keeps it so
        ArtifactFiles.write(file, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(mode(file)).isEqualTo("rw-r--r--");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temp file left").containsExactly(file);
        }
    }

    @Test
    void aFileMadeOwnerOnlyOrTooOpenBecomes0644() throws Exception {
        Path closed = Files.writeString(dir.resolve("a.json"), "x");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));
        Path open = Files.writeString(dir.resolve("b.log"), "x");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path nested = Files.writeString(
                Files.createDirectories(dir.resolve("report/data")).resolve("c.json"), "x");
        Files.setPosixFilePermissions(nested, PosixFilePermissions.fromString("rw-------"));

        ArtifactFiles.readable(closed);
        ArtifactFiles.readableTree(dir.resolve("report"));
        ArtifactFiles.readable(open);

        assertThat(mode(closed)).isEqualTo("rw-r--r--");
        assertThat(mode(open)).isEqualTo("rw-r--r--");
        assertThat(mode(nested)).isEqualTo("rw-r--r--");
    }

    @Test
    void theJournalIsCreated0644() throws Exception {
        Path file = dir.resolve(Journal.FILE_NAME);

        try (Journal journal = Journal.create(file)) {
            assertThat(mode(journal.file())).isEqualTo("rw-r--r--");
        }
    }
}
