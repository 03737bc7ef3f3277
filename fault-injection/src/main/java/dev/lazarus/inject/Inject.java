package dev.lazarus.inject;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a fault into some nodes of a scenario's run. Give one of {@link #count()}, {@link #fraction()} or
 * {@link #ips()}; the nodes of a count or fraction are a seeded random choice ({@code lazarus.inject.seed}),
 * and no node gets two faults. A {@code lazarus.inject.<FAULT>} parameter overrides the annotation.
 *
 * <pre>{@code
 * @Inject(fault = "FORCE_TOMCAT_FAIL_IDX1", count = 2)
 * @Inject(fault = "GHOST", ips = "127.0.1.7")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Inject.List.class)
public @interface Inject {

    /** A {@link Fault} name, e.g. {@code FORCE_TOMCAT_FAIL}, {@code GHOST}, {@code STALL}. */
    String fault();

    /** How many nodes; -1 when not used. */
    int count() default -1;

    /** Which share of the fleet, 0..1; -1 when not used. */
    double fraction() default -1;

    /** Exactly these nodes. */
    String[] ips() default {};

    /** Holds repeated {@link Inject} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        Inject[] value();
    }
}
