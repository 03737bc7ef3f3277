package dev.lazarus.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lazarus.spi.ArtifactFiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The append-only JSON Lines journal of one run. Each event is one {@code write} of one whole line,
 * straight to the file (no user-space buffer), so a process killed at any point leaves every earlier
 * event on disk and at most a truncated last line. The gold list is additionally forced to the device. Written
 * through a stream, not a {@code FileChannel}: a channel closes for good when a thread writing to it is interrupted,
 * and node workers are interrupted when their attempt is stopped.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE_NAME = "journal.jsonl";

    private final Path file;
    private final FileOutputStream out;
    private boolean closed;

    private Journal(Path file, FileOutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Creates a new journal; an existing file is never appended to or overwritten. */
    public static Journal create(Path file) {
        try {
            Files.newOutputStream(file, StandardOpenOption.CREATE_NEW).close(); // never an existing file
            ArtifactFiles.readable(file); // 0644 like every artifact, whatever the umask
            return new Journal(file, new FileOutputStream(file.toFile(), true));
        } catch (IOException e) {
            throw new JournalException("cannot create the journal " + file + ": " + e, e);
        }
    }

    public Path file() {
        return file;
    }

    public void append(JournalEvent event) {
        write(event, false);
    }

    /** Appends and forces the file to the storage device before returning. */
    public void appendDurably(JournalEvent event) {
        write(event, true);
    }

    private void write(JournalEvent event, boolean force) {
        byte[] line;
        try {
            byte[] json = JournalCodec.mapper().writeValueAsBytes(event); // UTF-8
            line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
        } catch (JsonProcessingException e) {
            throw new JournalException("cannot encode " + event.name() + " for the journal", e);
        }
        writeLine(line, force); // encoded outside the lock: thousands of node workers journal at once
    }

    private synchronized void writeLine(byte[] line, boolean force) {
        try {
            out.write(line);
            if (force) {
                out.getFD().sync();
            }
        } catch (IOException e) {
            throw new JournalException("cannot append to the journal " + file + ": " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (!closed) {
                closed = true;
                out.getFD().sync();
                out.close();
            }
        } catch (IOException e) {
            throw new JournalException("cannot close the journal " + file + ": " + e, e);
        }
    }
}
