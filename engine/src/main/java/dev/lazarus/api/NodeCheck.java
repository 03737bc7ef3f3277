package dev.lazarus.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check of a {@link Scenario}: run on every node whose install ended {@code install_success}, in the same SSH
 * session, in declaration order, each its own test under the node's ({@code check <method>}). A failed assertion
 * makes the node {@code check_failed}; any other exception is a check error ({@code check_error}). The method may be
 * static or not (one instance of the scenario class per node attempt) and takes any of {@link Host},
 * {@link NodeInfo} and {@link RunInfo}.
 *
 * <pre>{@code
 * @NodeCheck
 * void tomcatServes(Host host) {
 *     assertThat(host.service("tomcat10")).isRunning().isEnabled();
 *     assertThat(host.http("http://localhost:8080/")).hasStatus(200).bodyContains("Apache Tomcat");
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NodeCheck {}
