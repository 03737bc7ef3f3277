package dev.lazarus.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Drains one output stream to its end, keeping the last {@code keep} lines and the time of the last
 * byte (what the stream watchdog looks at). Memory stays bounded however much the node prints.
 */
final class StreamTail {

    private final String name;
    private final int keep;
    private final java.util.function.Predicate<String> worthKeeping;
    private final Deque<String> lines = new ArrayDeque<>();
    private volatile long lastByteNanos;
    private long total;

    StreamTail(String name, int keep, long startNanos) {
        this(name, keep, startNanos, line -> true);
    }

    /** A tail that keeps only the lines {@code worthKeeping} accepts (the others are counted, not stored). */
    StreamTail(String name, int keep, long startNanos, java.util.function.Predicate<String> worthKeeping) {
        this.name = name;
        this.keep = keep;
        this.lastByteNanos = startNanos;
        this.worthKeeping = worthKeeping;
    }

    String name() {
        return name;
    }

    long lastByteNanos() {
        return lastByteNanos;
    }

    /** Reads until end of stream. Returns normally on EOF; throws if the transport failed. */
    void drain(InputStream in) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new Touching(in), StandardCharsets.UTF_8),
                1024)) {
            String line;
            while ((line = reader.readLine()) != null) {
                add(line);
            }
        }
    }

    private synchronized void add(String line) {
        total++;
        if (!worthKeeping.test(line)) {
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

    /** Records the time of every byte that arrives, before any line is complete. */
    private final class Touching extends InputStream {
        private final InputStream in;

        Touching(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                lastByteNanos = System.nanoTime();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                lastByteNanos = System.nanoTime();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
