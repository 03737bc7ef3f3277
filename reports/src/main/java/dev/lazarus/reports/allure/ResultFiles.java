package dev.lazarus.reports.allure;

import io.qameta.allure.AllureConstants;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * One run's {@code allure-results} folder, written through Allure's own {@link FileSystemResultsWriter}. Each
 * write returns the name of the file it made, so a result written early can be replaced later.
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
        return result.getUuid() + AllureConstants.TEST_RESULT_FILE_SUFFIX;
    }

    /** Writes an attachment file; the attachment's source is the file name. */
    Attachment attach(String name, byte[] content, String type, String ext) {
        String source = UUID.randomUUID() + "-attachment." + ext;
        out.write(source, new ByteArrayInputStream(content));
        return new Attachment().setName(name).setSource(source).setType(type).setSize((long) content.length);
    }

    Attachment attach(String name, String content, String type, String ext) {
        return attach(name, content.getBytes(StandardCharsets.UTF_8), type, ext);
    }

    void delete(List<String> files) throws IOException {
        for (String f : files) {
            Files.deleteIfExists(dir.resolve(f));
        }
    }
}
