package dev.lazarus.assertj;

import dev.lazarus.api.CommandResult;
import dev.lazarus.api.HostFile;
import dev.lazarus.api.HostPackage;
import dev.lazarus.api.HostProcesses;
import dev.lazarus.api.HostService;
import dev.lazarus.api.HostSocket;
import dev.lazarus.api.HostUser;
import dev.lazarus.api.HttpResponse;
import org.assertj.core.api.Assertions;

/**
 * AssertJ's {@link Assertions} and assertions for every host fact, so one static import serves both. A failure names
 * the node, the fact, what was expected and what is, and the command that read the fact with its output.
 *
 * <pre>{@code
 * import static dev.lazarus.assertj.LazarusAssertions.assertThat;
 *
 * @NodeCheck
 * void tomcatServes(Host host) {
 *     assertThat(host.service("tomcat10")).isRunning().isEnabled();
 *     assertThat(host.socket("tcp://0.0.0.0:8080")).isListening();
 *     assertThat(host.http("http://localhost:8080/")).hasStatus(200).bodyContains("Apache Tomcat");
 * }
 * }</pre>
 */
public class LazarusAssertions extends Assertions {

    protected LazarusAssertions() {}

    public static CommandResultAssert assertThat(CommandResult actual) {
        return new CommandResultAssert(actual);
    }

    public static HostFileAssert assertThat(HostFile actual) {
        return new HostFileAssert(actual);
    }

    public static HostPackageAssert assertThat(HostPackage actual) {
        return new HostPackageAssert(actual);
    }

    public static HostServiceAssert assertThat(HostService actual) {
        return new HostServiceAssert(actual);
    }

    public static HostSocketAssert assertThat(HostSocket actual) {
        return new HostSocketAssert(actual);
    }

    public static HttpResponseAssert assertThat(HttpResponse actual) {
        return new HttpResponseAssert(actual);
    }

    public static HostProcessesAssert assertThat(HostProcesses actual) {
        return new HostProcessesAssert(actual);
    }

    public static HostUserAssert assertThat(HostUser actual) {
        return new HostUserAssert(actual);
    }
}
