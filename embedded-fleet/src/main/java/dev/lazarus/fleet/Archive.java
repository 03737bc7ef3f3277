package dev.lazarus.fleet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated package archive: each package's version, what an install of it pulls in, and what it brings to the
 * node: a service, the port that service listens on, a system user, configuration files.
 */
final class Archive {

    /** A package of the archive. */
    record Package(String name, String version, List<String> depends, Optional<Service> service, List<File> files) {}

    /** The service a package brings: its unit, the port it listens on once it runs, the user it runs as. */
    record Service(String unit, int port, String user, String commandLine) {}

    /** A file a package installs. */
    record File(String path, String owner, String group, String mode, String content) {}

    /** The users a package creates, in {@code passwd} form. */
    static final Map<String, String> USERS = Map.of(
            "tomcat", "tomcat:x:997:997:Apache Tomcat:/var/lib/tomcat:/usr/sbin/nologin",
            "www-data", "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin");

    private static final String TOMCAT_SERVER_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Server port="-1" shutdown="SHUTDOWN">
              <Service name="Catalina">
                <Connector port="8080" protocol="HTTP/1.1"
                           connectionTimeout="20000"
                           redirectPort="8443" />
                <Engine name="Catalina" defaultHost="localhost">
                  <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="true" />
                </Engine>
              </Service>
            </Server>
            """;

    private static final Map<String, Package> PACKAGES = Map.ofEntries(
            entry(new Package(
                    "tomcat10",
                    "10.1.6-1",
                    List.of(
                            "libtomcat10-java",
                            "tomcat10-common",
                            "openjdk-17-jre-headless",
                            "ca-certificates-java",
                            "java-common",
                            "libecj-java"),
                    Optional.of(tomcat("tomcat10")),
                    List.of(new File("/etc/tomcat10/server.xml", "root", "tomcat", "rw-r-----", TOMCAT_SERVER_XML)))),
            entry(new Package(
                    "tomcat9",
                    "9.0.70-2",
                    List.of("libtomcat9-java", "tomcat9-common", "openjdk-17-jre-headless"),
                    Optional.of(tomcat("tomcat9")),
                    List.of(new File("/etc/tomcat9/server.xml", "root", "tomcat", "rw-r-----", TOMCAT_SERVER_XML)))),
            plain("tomcat10-admin", "10.1.6-1", "tomcat10"),
            plain("libtomcat10-java", "10.1.6-1"),
            plain("tomcat10-common", "10.1.6-1"),
            plain("libtomcat9-java", "9.0.70-2"),
            plain("tomcat9-common", "9.0.70-2"),
            plain("openjdk-17-jre-headless", "17.0.13+11-2~deb12u1", "java-common", "ca-certificates-java"),
            plain("default-jre-headless", "2:1.17-74", "openjdk-17-jre-headless"),
            plain("ca-certificates-java", "20230710~deb12u1"),
            plain("java-common", "0.74"),
            plain("libecj-java", "3.26.0-1"),
            entry(new Package(
                    "nginx",
                    "1.22.1-9",
                    List.of("nginx-common", "libnginx-mod-http-echo"),
                    Optional.of(new Service("nginx", 80, "www-data", "nginx: master process /usr/sbin/nginx")),
                    List.of(new File("/etc/nginx/nginx.conf", "root", "root", "rw-r--r--", "user www-data;\n")))),
            plain("nginx-common", "1.22.1-9"),
            plain("libnginx-mod-http-echo", "1.22.1-9"),
            plain("curl", "7.88.1-10+deb12u8", "libcurl4"),
            plain("libcurl4", "7.88.1-10+deb12u8"),
            plain("wget", "1.21.3-1+b2"),
            plain("git", "1:2.39.5-0+deb12u1", "git-man", "liberror-perl"),
            plain("git-man", "1:2.39.5-0+deb12u1"),
            plain("liberror-perl", "0.17029-2"),
            plain("strace", "6.1-0.1"),
            plain("unzip", "6.0-28"),
            plain("htop", "3.2.2-2"),
            plain("python3", "3.11.2-1+b1", "python3-minimal", "libpython3.11-stdlib"),
            plain("python3-minimal", "3.11.2-1+b1"),
            plain("libpython3.11-stdlib", "3.11.2-6+deb12u4"));

    /** What every node has before any install: the base system, which {@code dpkg-query} knows too. */
    static final Map<String, String> BASE = Map.of(
            "bash",
            "5.2.15-2+b7",
            "coreutils",
            "9.1-1",
            "procps",
            "2:4.0.2-3",
            "iproute2",
            "6.1.0-3",
            "sudo",
            "1.9.13p3-1+deb12u1",
            "openssh-server",
            "1:9.2p1-2+deb12u3",
            "systemd",
            "252.31-1~deb12u1");

    private Archive() {}

    static Optional<Package> find(String name) {
        return Optional.ofNullable(PACKAGES.get(name));
    }

    private static Service tomcat(String unit) {
        return new Service(
                unit,
                8080,
                "tomcat",
                "/usr/lib/jvm/java-17-openjdk-amd64/bin/java -Djava.util.logging.manager="
                        + "org.apache.juli.ClassLoaderLogManager -Dcatalina.base=/var/lib/" + unit
                        + " -Dcatalina.home=/usr/share/" + unit + " org.apache.catalina.startup.Bootstrap start");
    }

    private static Map.Entry<String, Package> plain(String name, String version, String... depends) {
        return entry(new Package(name, version, List.of(depends), Optional.empty(), List.of()));
    }

    private static Map.Entry<String, Package> entry(Package p) {
        return Map.entry(p.name(), p);
    }
}
