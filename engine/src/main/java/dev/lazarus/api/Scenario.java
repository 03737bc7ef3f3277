package dev.lazarus.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a Lazarus scenario: an install (ordered shell commands) run on every node of a fleet, each node
 * install a dynamic test, then the class's {@link NodeCheck} methods on every node whose install succeeded. Every
 * attribute is a default that a {@code lazarus.*} configuration parameter overrides (see {@link LazarusParameters}).
 * Commands may use {@code ${node.ip}}, {@code ${node.private_ip}}, {@code ${node.index}}, {@code ${run.id}} and
 * {@code ${lazarus.vars.<name>}} (a configuration parameter); an unknown one fails discovery naming it.
 *
 * <pre>{@code
 * @Scenario(commands = {"apt-get update", "apt-get install -y tomcat10"}, fleetSize = 512)
 * class TomcatInstall {
 *     @NodeCheck
 *     void tomcatRuns(Host host) {
 *         assertThat(host.service("tomcat10")).isRunning();
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Scenario {

    /** The install: shell commands run in order on every node. Must not be empty. */
    String[] commands();

    /** Display name; the class's simple name when empty. */
    String name() default "";

    /** Where the fleet comes from: {@code embedded} (the default), {@code ec2}, {@code inventory}. */
    String controlPlane() default "embedded";

    /** Number of nodes the control plane provides. */
    int fleetSize() default 16;

    /** Tries per command; the outcome is decided on the last try. */
    int commandTries() default 3;

    /** Run every command under strace, to tell the real subprocess's exit status from the shell's. */
    boolean strace() default false;

    /**
     * Run the commands and the host facts as root through {@code sudo -n}; a node where sudo wants a password ends
     * {@code install_failed} with the tag {@code become_failed}. {@code lazarus.become=sudo} sets it too.
     */
    boolean become() default false;
}
