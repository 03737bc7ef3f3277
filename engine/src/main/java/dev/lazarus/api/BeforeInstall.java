package dev.lazarus.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs on every node after SSH connects and before the install's commands, in the same session and in declaration
 * order: uploads, facts the install needs. An exception ends the node's attempt {@code install_failed}
 * ({@code before_install_failed}). Takes any of {@link Host}, {@link NodeInfo} and {@link RunInfo}.
 *
 * <pre>{@code
 * @BeforeInstall
 * void configure(Host host) throws IOException {
 *     host.upload(Path.of("src/test/resources/server.xml"), "/srv/tomcat/server.xml");
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforeInstall {}
