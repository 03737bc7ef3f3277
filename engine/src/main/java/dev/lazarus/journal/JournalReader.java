package dev.lazarus.journal;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads a journal back. A last line cut short by a crash mid-write is dropped and reported; a bad line
 * anywhere else is corruption and fails the read with its line number.
 */
public final class JournalReader {

    /** The events read, and whether a truncated last line was dropped. */
    public record Contents(List<JournalEvent> events, boolean truncatedTail) {
        public Contents {
            events = List.copyOf(events);
        }
    }

    private JournalReader() {}

    /** Every event of the journal {@code file}. */
    public static Contents read(Path file) {
        return new JournalTail(file).read();
    }
}
