package dev.lazarus.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Follows a journal that is still being appended to, parsing each line once: every {@link #read()} returns
 * all the events so far and parses only the lines appended since the last one. A run reads its journal at
 * every monitor pass and once more at its end; re-parsing a 4,000-node journal whole (17 MB) took 0.4 s a read.
 *
 * <p>A bad last line (a crash mid-write) is dropped and reported; a bad line anywhere else is corruption and
 * fails the read with its line number. {@link JournalReader} reads a whole journal by the same rules.
 */
public final class JournalTail {

    private final Path file;
    private final List<JournalEvent> events = new ArrayList<>();
    /** Bytes consumed: up to the end of the last whole line. */
    private long consumed;
    /** Lines consumed, blank ones included, for the line number of a corrupt one. */
    private int lines;

    public JournalTail(Path file) {
        this.file = file;
    }

    /** Every event in the journal now. */
    public synchronized JournalReader.Contents read() {
        byte[] fresh = freshBytes();
        int eventsBefore = events.size();
        int linesBefore = lines;
        int start = 0;
        for (int i = 0; i < fresh.length; i++) {
            if (fresh[i] == '\n') {
                Line line = parse(fresh, start, i);
                if (line.error() != null) {
                    int number = lines + 1;
                    events.subList(eventsBefore, events.size()).clear(); // a read is whole or nothing
                    lines = linesBefore;
                    throw new JournalException("journal " + file + " line " + number + " is corrupt: " + line.error());
                }
                if (line.event() != null) {
                    events.add(line.event());
                }
                lines++;
                start = i + 1;
            }
        }
        consumed += start;
        if (start == fresh.length) {
            return new JournalReader.Contents(events, false);
        }
        // A last line without its newline: being written, or cut short by a crash. It stays unconsumed, so a
        // later read parses it whole; now it counts if it parses, and is reported as truncated if it does not.
        Line last = parse(fresh, start, fresh.length);
        List<JournalEvent> now = new ArrayList<>(events);
        if (last.event() != null) {
            now.add(last.event());
        }
        return new JournalReader.Contents(now, last.error() != null);
    }

    private byte[] freshBytes() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < consumed) {
                throw new JournalException("the journal " + file + " shrank from " + consumed + " to " + size
                        + " bytes between two reads: it is append-only");
            }
            if (size - consumed > Integer.MAX_VALUE - 8) {
                throw new JournalException("the journal " + file + " has more than 2 GiB unread: too large to read");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - consumed));
            long position = consumed;
            while (buffer.hasRemaining() && channel.read(buffer, position) > 0) {
                position = consumed + buffer.position();
            }
            return buffer.position() == buffer.capacity()
                    ? buffer.array()
                    : Arrays.copyOf(buffer.array(), buffer.position());
        } catch (IOException e) {
            throw new JournalException("cannot read the journal " + file + ": " + e, e);
        }
    }

    /** One line: its event, or nothing (blank), or why it is not an event. */
    private record Line(JournalEvent event, String error) {}

    private static Line parse(byte[] bytes, int from, int to) {
        int end = to;
        while (end > from && Character.isWhitespace(bytes[end - 1])) {
            end--;
        }
        int begin = from;
        while (begin < end && Character.isWhitespace(bytes[begin])) {
            begin++;
        }
        if (begin == end) {
            return new Line(null, null);
        }
        try {
            return new Line(JournalCodec.mapper().readValue(bytes, begin, end - begin, JournalEvent.class), null);
        } catch (JsonProcessingException e) {
            return new Line(null, e.getOriginalMessage());
        } catch (IOException e) {
            return new Line(null, e.toString());
        }
    }
}
