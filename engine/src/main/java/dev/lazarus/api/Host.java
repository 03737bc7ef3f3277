package dev.lazarus.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The node a check or a before-install method runs on, reached through the attempt's own SSH session. Each fact is
 * read by one command, journaled and classified like the install's; a fact no installed tool can read throws
 * {@link MissingToolException} naming the tools.
 *
 * <pre>{@code
 * @NodeCheck
 * void packageAndConfig(Host host) {
 *     assertThat(host.pkg("tomcat10")).isInstalled().hasVersionStartingWith("10.");
 *     assertThat(host.file("/etc/tomcat10/server.xml")).isFile().contains("port=\"8080\"");
 *     assertThat(host.run("id -u tomcat")).succeeded().stdoutMatches("\\d+\\s*");
 * }
 * }</pre>
 */
public interface Host {

    /** The node's public IP. */
    String ip();

    String privateIp();

    /** The node's 1-based position in the fleet's gold list. */
    int index();

    /** Runs a shell command. */
    CommandResult run(String command);

    HostFile file(String path);

    /** A package, by name ({@code dpkg}, else {@code rpm}). */
    HostPackage pkg(String name);

    /** A service, by unit or init-script name. */
    HostService service(String name);

    /** A listening socket: {@code tcp://host:port} or {@code udp://host:port}. */
    HostSocket socket(String url);

    /** A GET of {@code url}, from the node. */
    HttpResponse http(String url);

    /** The processes whose full command line matches the extended regular expression {@code pattern}. */
    HostProcesses process(String pattern);

    HostUser user(String name);

    /** Copies a local file to the node (SFTP), creating the remote folder if needed. */
    void upload(Path local, String remote) throws IOException;

    /** Copies a file of the node here (SFTP). */
    void download(String remote, Path local) throws IOException;
}
