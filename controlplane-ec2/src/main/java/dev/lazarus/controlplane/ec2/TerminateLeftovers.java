package dev.lazarus.controlplane.ec2;

import dev.lazarus.replay.RunReplay;
import dev.lazarus.spi.RunResult;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * Terminates the instances a run launched and did not terminate (it was killed, or its teardown policy kept
 * them), as named by its journal's {@code instances_launched} and {@code instances_terminated} events.
 *
 * <pre>mvn -q -pl controlplane-ec2 -am compile exec:java -Dexec.args="&lt;run folder&gt; &lt;region&gt; [endpoint]"</pre>
 */
public final class TerminateLeftovers {

    private TerminateLeftovers() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: TerminateLeftovers <run folder or journal.jsonl> <region> [endpoint]");
            System.exit(2);
        }
        Path path = Path.of(args[0]);
        Path journal = Files.isDirectory(path) ? path.resolve("journal.jsonl") : path;
        List<String> done = terminate(
                journal,
                Region.of(args[1]),
                Optional.ofNullable(args.length > 2 ? args[2] : null),
                DefaultCredentialsProvider.builder().build());
        System.out.println(
                "[lazarus] ec2: terminated " + done.size() + " instance(s) left by " + journal + ": " + done);
    }

    /** The instances the journal says were launched and not terminated. */
    static List<String> leftovers(Path journal) {
        RunResult.ControlPlaneActivity plane = RunReplay.of(journal).result().controlPlane();
        Set<String> left = new LinkedHashSet<>(plane.launched());
        plane.terminated().forEach(left::remove);
        return new ArrayList<>(left);
    }

    public static List<String> terminate(
            Path journal, Region region, Optional<String> endpoint, AwsCredentialsProvider credentials) {
        List<String> ids = leftovers(journal);
        if (ids.isEmpty()) {
            return ids;
        }
        Ec2ClientBuilder builder = Ec2Client.builder().region(region).credentialsProvider(credentials);
        endpoint.map(URI::create).ifPresent(builder::endpointOverride);
        try (Ec2Client client = builder.build()) {
            for (int i = 0; i < ids.size(); i += Ec2Fleet.BATCH) {
                List<String> batch = ids.subList(i, Math.min(ids.size(), i + Ec2Fleet.BATCH));
                client.terminateInstances(r -> r.instanceIds(batch));
            }
        }
        return ids;
    }
}
