package dev.lazarus.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private JournalReader() {
    }

    public static Contents read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JournalException("cannot read the journal " + file + ": " + e, e);
        }
        List<JournalEvent> events = new ArrayList<>(lines.size());
        boolean truncated = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(JournalCodec.mapper().readValue(line, JournalEvent.class));
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    truncated = true;
                } else {
                    throw new JournalException("journal " + file + " line " + (i + 1) + " is corrupt: "
                            + e.getOriginalMessage());
                }
            }
        }
        return new Contents(events, truncated);
    }
}
