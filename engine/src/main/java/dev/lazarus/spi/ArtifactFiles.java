package dev.lazarus.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How an extension writes an artifact into the run folder: whole or not at all (a temp file beside it, then an
 * atomic move), so a crash never leaves a half-written artifact that a later reader takes for a result; the one
 * JSON mapping of artifacts and journal lines: snake_case names, nulls left out; and the one rule for their
 * permissions: every file a run or a merge writes (journal, artifacts, Allure results and report) is {@code 0644}
 * ({@code rw-r--r--}), whatever the process's umask and although a temp file is made {@code 0600}, so a CI job's
 * artifacts and a shared folder are readable by whoever reviews them. Where the file system has no POSIX
 * permissions, files are left as it makes them.
 */
public final class ArtifactFiles {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private ArtifactFiles() {}

    /** The JSON mapping every artifact and journal line is written with. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** The permissions of every file a run writes: {@code rw-r--r--}. */
    public static final Set<PosixFilePermission> PERMISSIONS = Set.copyOf(PosixFilePermissions.fromString("rw-r--r--"));

    /** Writes {@code target} whole or not at all, readable ({@link #PERMISSIONS}). */
    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            readable(tmp); // a temp file is created 0600; the move keeps the permissions
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Gives the file a run wrote the permissions every artifact has ({@link #PERMISSIONS}); does nothing where the
     * file system has no POSIX permissions.
     *
     * @return {@code file}
     */
    public static Path readable(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(PERMISSIONS);
        }
        return file;
    }

    /** {@link #readable} for every file under {@code dir} (a folder written by another tool, such as a report). */
    public static void readableTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                readable(f);
            }
        }
    }
}
