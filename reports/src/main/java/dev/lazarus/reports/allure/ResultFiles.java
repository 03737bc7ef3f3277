package dev.lazarus.reports.allure;

import dev.lazarus.spi.ArtifactFiles;
import io.qameta.allure.AllureConstants;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * One run's {@code allure-results} folder, written through Allure's own {@link FileSystemResultsWriter}. Each
 * write returns the name of the file it made, so a result written early can be replaced later; every file it makes
 * has the artifacts' permissions ({@link ArtifactFiles#readable}).
 */
final class ResultFiles {

    private final Path dir;
    private final FileSystemResultsWriter out;

    ResultFiles(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.out = new FileSystemResultsWriter(dir);
    }

    Path dir() {
        return dir;
    }

    /** Writes a result; returns its file name. */
    String write(TestResult result) {
        out.write(result);
        return readable(result.getUuid() + AllureConstants.TEST_RESULT_FILE_SUFFIX);
    }

    /** Writes an attachment file; the attachment's source is the file name. */
    Attachment attach(String name, byte[] content, String type, String ext) {
        String source = UUID.randomUUID() + "-attachment." + ext;
        out.write(source, new ByteArrayInputStream(content));
        readable(source);
        return new Attachment().setName(name).setSource(source).setType(type).setSize((long) content.length);
    }

    Attachment attach(String name, String content, String type, String ext) {
        return attach(name, content.getBytes(StandardCharsets.UTF_8), type, ext);
    }

    /** Writes a file of the run's own ({@code categories.json}, …) whole, readable like every result. */
    void writeFile(String name, String content) throws IOException {
        ArtifactFiles.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    /** Allure's writer makes files as the umask says: every file of the folder gets the artifacts' permissions. */
    private String readable(String name) {
        try {
            ArtifactFiles.readable(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir.resolve(name) + " readable: " + e, e);
        }
        return name;
    }

    void delete(List<String> files) throws IOException {
        for (String f : files) {
            Files.deleteIfExists(dir.resolve(f));
        }
    }
}
