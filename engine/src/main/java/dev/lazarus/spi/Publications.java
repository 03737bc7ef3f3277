package dev.lazarus.spi;

import java.nio.file.Path;

/**
 * Where an extension hands what a run produced to whoever runs the tests: the engine publishes them on the
 * scenario (JUnit's file and report entries, which IDEs and build tools show); a report rebuilt from a journal
 * outside JUnit publishes nothing.
 */
public interface Publications {

    Publications NONE = new Publications() {
        @Override
        public void file(Path file, String mediaType) {}

        @Override
        public void entry(String key, String value) {}
    };

    /** A file of the run folder, e.g. {@code run_summary.json} as {@code application/json}. */
    void file(Path file, String mediaType);

    /** A short text, e.g. the recap; {@code key} names it ({@code lazarus.recap}). */
    void entry(String key, String value);
}
