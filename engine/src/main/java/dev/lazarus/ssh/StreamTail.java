package dev.lazarus.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Drains one output stream to its end, keeping the last {@code keep} lines and the time of the last
 * byte (what the stream watchdog looks at). Memory stays bounded however much the node prints.
 */
final class StreamTail {

    private final String name;
    private final int keep;
    private final Predicate<String> worthKeeping;
    private final Predicate<String> taken;
    private final Deque<String> lines = new ArrayDeque<>();
    private final List<String> leftOut = new ArrayList<>();
    private volatile long lastByteNanos;
    private long total;
    private long leftOutCount;

    StreamTail(String name, int keep, long startNanos) {
        this(name, keep, startNanos, line -> true);
    }

    /** The lines {@code worthKeeping} left out that are kept as evidence: the first ones. */
    static final int LEFT_OUT_SHOWN = 5;

    /**
     * A tail that keeps only the lines {@code worthKeeping} accepts; of the others it keeps the count and the first
     * {@value #LEFT_OUT_SHOWN}, so what was filtered stays visible.
     */
    StreamTail(String name, int keep, long startNanos, Predicate<String> worthKeeping) {
        this(name, keep, startNanos, worthKeeping, line -> false);
    }

    /** As above; lines {@code taken} accepts are the harness's own (a process group's id): neither kept nor counted. */
    StreamTail(String name, int keep, long startNanos, Predicate<String> worthKeeping, Predicate<String> taken) {
        this.name = name;
        this.keep = keep;
        this.lastByteNanos = startNanos;
        this.worthKeeping = worthKeeping;
        this.taken = taken;
    }

    String name() {
        return name;
    }

    long lastByteNanos() {
        return lastByteNanos;
    }

    /** Bytes read from the channel at a time. */
    private static final int CHUNK = 2048;
    /** A longer line is cut here (and marked), so one endless line cannot exhaust the heap. */
    static final int MAX_LINE = 16 * 1024;

    /**
     * Reads until end of stream. Returns normally on EOF; throws if the transport failed. Lines end at
     * {@code \n}, {@code \r\n} or {@code \r}, as {@link java.io.BufferedReader#readLine()} has them; they are split
     * on bytes (UTF-8 keeps {@code \r} and {@code \n} single bytes), with one small buffer per stream: a fleet runs
     * tens of thousands of commands, each with two streams.
     */
    void drain(InputStream in) throws IOException {
        try (in) {
            byte[] chunk = new byte[CHUNK];
            byte[] line = new byte[256];
            int length = 0;
            boolean cut = false;
            boolean afterCr = false;
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (n > 0) {
                    lastByteNanos = System.nanoTime();
                }
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n' && afterCr) {
                        afterCr = false; // the second half of \r\n
                        continue;
                    }
                    afterCr = b == '\r';
                    if (b == '\n' || b == '\r') {
                        add(text(line, length, cut));
                        length = 0;
                        cut = false;
                    } else if (length < MAX_LINE) {
                        if (length == line.length) {
                            line = Arrays.copyOf(line, Math.min(MAX_LINE, length * 2));
                        }
                        line[length++] = b;
                    } else {
                        cut = true;
                    }
                }
            }
            if (length > 0 || cut) {
                add(text(line, length, cut));
            }
        }
    }

    private static String text(byte[] line, int length, boolean cut) {
        if (!cut) {
            return new String(line, 0, length, StandardCharsets.UTF_8);
        }
        return new String(line, 0, characterBoundary(line, length), StandardCharsets.UTF_8) + " …[line cut at "
                + MAX_LINE + " bytes]";
    }

    /** {@code length}, moved back to where the UTF-8 character it splits begins, so a cut shows no broken one. */
    private static int characterBoundary(byte[] bytes, int length) {
        int start = length - 1; // where the last character begins: back over its continuation bytes (10xxxxxx)
        while (start > 0 && length - start < 4 && (bytes[start] & 0xC0) == 0x80) {
            start--;
        }
        if (start < 0) {
            return length;
        }
        int lead = bytes[start] & 0xFF;
        int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return start + size > length ? start : length;
    }

    private synchronized void add(String line) {
        if (taken.test(line)) {
            return;
        }
        total++;
        if (!worthKeeping.test(line)) {
            leftOutCount++;
            if (leftOut.size() < LEFT_OUT_SHOWN) {
                leftOut.add(line);
            }
            return;
        }
        lines.addLast(line);
        if (lines.size() > keep) {
            lines.removeFirst();
        }
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    synchronized long totalLines() {
        return total;
    }

    synchronized List<String> leftOut() {
        return new ArrayList<>(leftOut);
    }

    synchronized long leftOutCount() {
        return leftOutCount;
    }
}
