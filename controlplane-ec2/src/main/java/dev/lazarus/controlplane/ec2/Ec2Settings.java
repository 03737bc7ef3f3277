package dev.lazarus.controlplane.ec2;

import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The {@code lazarus.ec2.*} parameters, validated: every bad value names its parameter. */
record Ec2Settings(
        Region region,
        Optional<URI> endpoint,
        String mode,
        Optional<String> ami,
        String instanceType,
        Optional<String> keyName,
        Optional<String> securityGroup,
        Optional<String> ingressCidr,
        List<Integer> ingressPorts,
        Optional<String> discoverTag,
        String user,
        Path privateKey,
        Optional<Path> knownHosts,
        int sshPort,
        Teardown teardown,
        int maxAttempts,
        Duration backoff,
        Duration waitTimeout,
        Duration ipTimeout,
        Duration pollInterval) {

    static final String P = "lazarus.ec2.";

    /** What happens to launched instances when the run ends. */
    enum Teardown {
        ALWAYS,
        ON_SUCCESS,
        NEVER;

        static Teardown parse(String raw) {
            for (Teardown t : values()) {
                if (t.name()
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '-')
                        .equals(raw.strip().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new LazarusConfigurationException(
                    P + "teardown='" + raw + "' is not a teardown policy; allowed: " + "always, on-success, never");
        }
    }

    static Ec2Settings from(Parameters p) {
        Optional<URI> endpoint = p.get(P + "endpoint").map(Ec2Settings::endpoint);
        String mode = p.get(P + "mode").orElse("launch");
        if (!mode.equals("launch") && !mode.equals("discover")) {
            throw new LazarusConfigurationException(P + "mode='" + mode + "' is not a mode; allowed: launch, discover");
        }
        Optional<String> ami = p.get(P + "ami");
        Optional<String> discoverTag = p.get(P + "discover-tag");
        if (mode.equals("launch") && ami.isEmpty()) {
            throw new LazarusConfigurationException(
                    P + "ami is required to launch instances (e.g. ami-0abcdef1234567890)");
        }
        if (mode.equals("discover")
                && (discoverTag.isEmpty() || !discoverTag.get().contains("="))) {
            throw new LazarusConfigurationException(P + "discover-tag is required in discover mode, as <key>=<value>");
        }
        Optional<String> group = p.get(P + "security-group");
        Optional<String> cidr = p.get(P + "ingress-cidr");
        if (cidr.isPresent() && !cidr.get().matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
            throw new LazarusConfigurationException(
                    P + "ingress-cidr='" + cidr.get() + "' is not an IPv4 CIDR (e.g. 203.0.113.7/32)");
        }
        if (group.isPresent() && cidr.isEmpty()) {
            throw new LazarusConfigurationException(P + "ingress-cidr is required with " + P + "security-group: SSH is "
                    + "opened to a configured CIDR, never to the world");
        }
        List<Integer> ports = Arrays.stream(
                        p.get(P + "ingress-ports").orElse("22").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> Parameters.parseInt(P + "ingress-ports", s, 1, 65_535))
                .toList();
        Path key = p.get(P + "private-key")
                .map(Path::of)
                .orElseThrow(() -> new LazarusConfigurationException(
                        P + "private-key is required: the private key file of the instances' key pair"));
        if (!Files.isReadable(key)) {
            throw new LazarusConfigurationException(P + "private-key: " + key + " is not readable");
        }
        Optional<Path> knownHosts = p.get(P + "known-hosts").map(Path::of);
        knownHosts.filter(k -> !Files.isReadable(k)).ifPresent(k -> {
            throw new LazarusConfigurationException(P + "known-hosts: " + k + " is not readable");
        });
        return new Ec2Settings(
                region(p.get(P + "region")),
                endpoint,
                mode,
                ami,
                p.get(P + "instance-type").orElse("t2.micro"),
                p.get(P + "key-name"),
                group,
                cidr,
                ports,
                discoverTag,
                p.get(P + "user").orElse("ubuntu"),
                key,
                knownHosts,
                p.getInt(P + "ssh-port", 22, 1, 65_535),
                Teardown.parse(p.get(P + "teardown").orElse("always")),
                p.getInt(P + "max-attempts", 10, 1, 50),
                p.getDuration(P + "backoff", Duration.ofMillis(100), Duration.ofMinutes(1)),
                p.getDuration(P + "wait-timeout", Duration.ofMinutes(10), Duration.ofHours(2)),
                p.getDuration(P + "ip-timeout", Duration.ofMinutes(5), Duration.ofHours(2)),
                p.getDuration(P + "poll-interval", Duration.ofSeconds(2), Duration.ofMinutes(5)));
    }

    private static URI endpoint(String raw) {
        try {
            URI uri = new URI(raw);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new URISyntaxException(raw, "expected http(s)://host[:port]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new LazarusConfigurationException(
                    P + "endpoint='" + raw + "' is not a valid endpoint URL: " + e.getReason());
        }
    }

    private static Region region(Optional<String> raw) {
        if (raw.isEmpty()) {
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (RuntimeException e) {
                throw new LazarusConfigurationException(P + "region is not set and the SDK's default region chain "
                        + "found none (AWS_REGION, aws.region, ~/.aws/config)");
            }
        }
        Region region = Region.of(raw.get().strip());
        if (!Region.regions().contains(region)) {
            throw new LazarusConfigurationException(
                    P + "region='" + raw.get() + "' is not an AWS region; e.g. us-east-1, " + "eu-west-1");
        }
        return region;
    }
}
