package dev.lazarus.spi;

import java.lang.annotation.Annotation;
import java.util.Set;

/**
 * Something that plugs into runs: it reports them ({@link RunObserver}) or acts on their nodes
 * ({@link NodeLifecycle}). Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.lazarus.spi.Extension}), so the engine depends on none of them.
 *
 * <p>An extension on the class path runs for a scenario only when it is enabled: by default ({@link
 * #enabledByDefault()}, the reports), by {@code lazarus.extensions} (its id or class name; {@code -id} turns one
 * that is on by default off), by one of its annotations on the scenario, or by one of its parameters given a value.
 * Otherwise none of its code but these declarations runs.
 */
public interface Extension {

    /** The short name {@code lazarus.extensions} names it by, e.g. {@code fault-injection}. */
    String id();

    /** Whether it runs for every scenario unless turned off (reports), rather than only when switched on. */
    default boolean enabledByDefault() {
        return false;
    }

    /** Annotations that switch it on for the scenario they are on, e.g. {@code @Inject}. */
    default Set<Class<? extends Annotation>> enablingAnnotations() {
        return Set.of();
    }

    /** Whether {@code parameter}, given a value, switches it on (a CI variable such as {@code lazarus.inject.GHOST}). */
    default boolean enabledByParameter(String parameter) {
        return false;
    }
}
