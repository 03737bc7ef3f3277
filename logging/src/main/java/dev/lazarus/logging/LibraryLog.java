package dev.lazarus.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Where the libraries' log lines go: the {@code libraries.log} of the run that started last, from its start until
 * the next run starts (so what a library logs while the fleet shuts down stays with its run). Lines logged before
 * any run started wait in a bounded buffer and open the first run's file. Each line is flushed as it is written,
 * so a killed JVM loses none.
 *
 * <p>System properties: {@code lazarus.log.level} ({@code error}, {@code warn}, {@code info} (default), {@code
 * debug}, {@code trace}); {@code lazarus.log.console=true} copies the lines to standard error as well.
 */
public final class LibraryLog {

    /** The file in the run folder. */
    public static final String FILE = "libraries.log";

    public static final String LEVEL = "lazarus.log.level";
    public static final String CONSOLE = "lazarus.log.console";

    /** Lines kept while no run has started: enough for a library's start-up, bounded for a JVM that never runs one. */
    static final int PENDING_LINES = 1_000;

    private static final Level THRESHOLD = level(System.getProperty(LEVEL, "info"));
    private static final boolean TO_CONSOLE = Boolean.getBoolean(CONSOLE);

    private static final Deque<String> pending = new ArrayDeque<>();
    private static int droppedBeforeStart;
    private static OutputStream out;
    private static Path current;

    private LibraryLog() {}

    static Level threshold() {
        return THRESHOLD;
    }

    private static Level level(String name) {
        try {
            return Level.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO; // a logging setting must not stop a run; the default is the documented one
        }
    }

    /** From now on the lines go to {@code file} (appended); the previous run's file is closed. */
    public static synchronized void openRun(Path file) throws IOException {
        if (file.equals(current)) {
            return;
        }
        closeCurrent();
        Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        current = file;
        if (droppedBeforeStart > 0) {
            write("(" + droppedBeforeStart + " earlier line(s) logged before this run started were dropped)\n");
            droppedBeforeStart = 0;
        }
        while (!pending.isEmpty()) {
            write(pending.removeFirst());
        }
    }

    /** The file the lines go to now, if a run has started. */
    public static synchronized Path current() {
        return current;
    }

    static synchronized void append(Level level, String logger, String message, Throwable thrown) {
        StringBuilder line = new StringBuilder()
                .append(Instant.now())
                .append(' ')
                .append(String.format(Locale.ROOT, "%-5s", level))
                .append(" [")
                .append(Thread.currentThread().getName())
                .append("] ")
                .append(logger)
                .append(" - ")
                .append(message)
                .append('\n');
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        String text = line.toString();
        if (TO_CONSOLE) {
            System.err.print(text);
        }
        if (out == null) {
            if (pending.size() == PENDING_LINES) {
                pending.removeFirst();
                droppedBeforeStart++;
            }
            pending.addLast(text);
            return;
        }
        write(text);
    }

    private static void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the run folder went away (a test's temp folder, a full disk): a library's log line is not worth a run
            closeCurrent();
        }
    }

    private static void closeCurrent() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // closing a log file that can no longer be written: nothing more to lose
            }
        }
        out = null;
        current = null;
    }
}
