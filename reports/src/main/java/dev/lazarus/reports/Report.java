package dev.lazarus.reports;

import dev.lazarus.spi.RunObserver;

/** A report of every run: on by default, turned off with {@code lazarus.extensions=-<id>}. */
public interface Report extends RunObserver {

    @Override
    default boolean enabledByDefault() {
        return true;
    }
}
