package dev.lazarus.controlplane.ec2;

import dev.lazarus.spi.ConsoleOutput;
import dev.lazarus.spi.Fleet;
import dev.lazarus.spi.FleetRequest;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Login;
import dev.lazarus.spi.Node;
import dev.lazarus.spi.Unreachable;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * An EC2 fleet: provisioning (launch or discover, wait until visible and running, poll public IPs, authorise
 * ingress), and the teardown policy when the run ends. It is long because it is one fleet's whole life on EC2, each
 * step a short sequence of SDK calls that reads best beside the others.
 */
final class Ec2Fleet implements Fleet {

    /** DescribeInstances is asked about at most this many instance ids at once. */
    static final int BATCH = 100;

    static final String RUN_TAG = "lazarus:run-id";

    private final Ec2Client client;
    private final AttemptCounter counter;
    private final Ec2Settings settings;
    private final FleetRequest request;
    private final List<String> launched = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Unreachable> unreachable = new ArrayList<>();
    private boolean allSucceeded;

    private Ec2Fleet(Ec2Client client, AttemptCounter counter, Ec2Settings settings, FleetRequest request) {
        this.client = client;
        this.counter = counter;
        this.settings = settings;
        this.request = request;
    }

    static Ec2Fleet provision(
            Ec2Client client, AttemptCounter counter, Ec2Settings settings, FleetRequest request, KeyPair key) {
        Ec2Fleet fleet = new Ec2Fleet(client, counter, settings, request);
        try {
            fleet.provision(key);
            return fleet;
        } catch (RuntimeException e) {
            fleet.runEnded(false);
            fleet.close();
            if (e instanceof Ec2Exception ec2) {
                throw new LazarusConfigurationException(
                        "EC2 refused the fleet: " + ec2.awsErrorDetails().errorCode() + ": "
                                + ec2.awsErrorDetails().errorMessage() + " (launched instances were terminated)",
                        e);
            }
            throw e;
        }
    }

    private void provision(KeyPair key) {
        List<String> ids = settings.mode().equals("launch") ? launch() : discover();
        say("ec2: " + ids.size() + " instance(s) " + (settings.mode().equals("launch") ? "launched" : "found"));
        List<String> visible = waitFor(ids, true);
        List<String> running = waitFor(visible, false);
        Map<String, Instance> withIp = pollPublicIps(running);
        settings.securityGroup().ifPresent(this::authorizeIngress);
        Login login = new Login(settings.user(), key);
        for (String id : ids) {
            Instance i = withIp.get(id);
            if (i != null) {
                nodes.add(new Node(
                        i.publicIpAddress(),
                        i.privateIpAddress(),
                        id,
                        settings.sshPort(),
                        login,
                        null,
                        settings.knownHosts().orElse(null)));
            }
        }
        request.journal()
                .record(
                        "api_calls",
                        Map.of(
                                "calls",
                                counter.calls(),
                                "attempts",
                                counter.attempts(),
                                "throttled",
                                counter.throttled(),
                                "max_retry_observed",
                                counter.maxAttempts()));
        say("ec2: " + nodes.size() + " node(s) with public IPs, " + unreachable.size() + " unreachable, "
                + counter.throttled() + " throttled call(s), max_retry_observed " + counter.maxAttempts());
    }

    private List<String> launch() {
        List<String> ids = new ArrayList<>();
        int remaining = request.size();
        while (remaining > 0) {
            int count = Math.min(remaining, BATCH);
            RunInstancesResponse response = client.runInstances(r -> {
                r.imageId(settings.ami().orElseThrow())
                        .instanceType(settings.instanceType())
                        .minCount(count)
                        .maxCount(count)
                        .tagSpecifications(TagSpecification.builder()
                                .resourceType(ResourceType.INSTANCE)
                                .tags(
                                        Tag.builder()
                                                .key(RUN_TAG)
                                                .value(request.runId())
                                                .build(),
                                        Tag.builder()
                                                .key("Name")
                                                .value("lazarus-" + request.runId())
                                                .build())
                                .build());
                settings.keyName().ifPresent(r::keyName);
                settings.securityGroup().ifPresent(r::securityGroupIds);
            });
            List<String> batch =
                    response.instances().stream().map(Instance::instanceId).toList();
            synchronized (launched) {
                launched.addAll(batch);
            }
            // journaled at once, so an interrupted run still names every instance it launched
            request.journal().record("instances_launched", Map.of("instance_ids", batch));
            ids.addAll(batch);
            remaining -= batch.size();
            if (batch.isEmpty()) {
                break;
            }
        }
        return ids;
    }

    private List<String> discover() {
        String[] kv = settings.discoverTag().orElseThrow().split("=", 2);
        List<String> ids = new ArrayList<>();
        client.describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("tag:" + kv[0]).values(kv[1]).build(),
                        Filter.builder()
                                .name("instance-state-name")
                                .values("pending", "running")
                                .build()))
                .reservations()
                .forEach(res -> res.instances().forEach(i -> ids.add(i.instanceId())));
        if (ids.isEmpty()) {
            throw new LazarusConfigurationException("lazarus.ec2.discover-tag="
                    + settings.discoverTag().get() + " matches no pending or running instance");
        }
        return ids.subList(0, Math.min(ids.size(), request.size()));
    }

    /** Waits (SDK waiters, bounded) until visible or running; reports by id those that never got there. */
    private List<String> waitFor(List<String> ids, boolean visibility) {
        List<String> ok = new ArrayList<>();
        WaiterOverrideConfiguration bound = WaiterOverrideConfiguration.builder()
                .waitTimeout(settings.waitTimeout())
                .maxAttempts(100_000)
                .backoffStrategyV2(BackoffStrategy.fixedDelay(settings.pollInterval()))
                .build();
        try (Ec2Waiter waiter =
                Ec2Waiter.builder().client(client).overrideConfiguration(bound).build()) {
            for (List<String> batch : batches(ids)) {
                DescribeInstancesRequest describe =
                        DescribeInstancesRequest.builder().instanceIds(batch).build();
                try {
                    if (visibility) {
                        waiter.waitUntilInstanceExists(describe)
                                .matched()
                                .exception()
                                .ifPresent(e -> {
                                    throw new IllegalStateException(e);
                                });
                    } else {
                        waiter.waitUntilInstanceRunning(describe)
                                .matched()
                                .exception()
                                .ifPresent(e -> {
                                    throw new IllegalStateException(e);
                                });
                    }
                    ok.addAll(batch);
                } catch (RuntimeException e) {
                    // the batch as a whole did not get there: find out instance by instance which did not
                    for (String id : batch) {
                        String state = stateOf(id);
                        if (visibility ? state != null : "running".equals(state)) {
                            ok.add(id);
                        } else {
                            unreachable(
                                    id,
                                    visibility
                                            ? "never became visible within " + settings.waitTimeout()
                                            : "did not reach running within " + settings.waitTimeout() + " (state "
                                                    + state + ")");
                        }
                    }
                }
            }
        }
        return ok;
    }

    private String stateOf(String id) {
        try {
            return client.describeInstances(r -> r.instanceIds(id)).reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .findFirst()
                    .map(i -> i.state().nameAsString())
                    .orElse(null);
        } catch (Ec2Exception e) {
            return null;
        }
    }

    /** Polls in batches of 100 until every running instance has a public IP, within the IP timeout. */
    private Map<String, Instance> pollPublicIps(List<String> ids) {
        Map<String, Instance> withIp = new LinkedHashMap<>();
        long deadline = System.nanoTime() + settings.ipTimeout().toNanos();
        List<String> waiting = new ArrayList<>(ids);
        while (!waiting.isEmpty()) {
            for (List<String> batch : batches(waiting)) {
                client.describeInstances(r -> r.instanceIds(batch))
                        .reservations()
                        .forEach(res -> res.instances().stream()
                                .filter(i -> i.publicIpAddress() != null
                                        && !i.publicIpAddress().isBlank())
                                .forEach(i -> withIp.put(i.instanceId(), i)));
            }
            waiting.removeIf(withIp::containsKey);
            if (waiting.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            say("ec2: " + withIp.size() + "/" + ids.size() + " instance(s) have a public IP");
            sleep(settings.pollInterval());
        }
        waiting.forEach(id -> unreachable(id, "no public IP after " + settings.ipTimeout()));
        return withIp;
    }

    private void authorizeIngress(String group) {
        String cidr = settings.ingressCidr().orElseThrow();
        for (int port : settings.ingressPorts()) {
            boolean already = false;
            try {
                client.authorizeSecurityGroupIngress(r -> r.groupId(group)
                        .ipPermissions(IpPermission.builder()
                                .ipProtocol("tcp")
                                .fromPort(port)
                                .toPort(port)
                                .ipRanges(IpRange.builder()
                                        .cidrIp(cidr)
                                        .description("lazarus " + request.runId())
                                        .build())
                                .build()));
            } catch (Ec2Exception e) {
                if (!"InvalidPermission.Duplicate".equals(e.awsErrorDetails().errorCode())) {
                    throw e;
                }
                already = true;
            }
            request.journal()
                    .record(
                            "ingress_authorized",
                            Map.of("security_group", group, "port", port, "cidr", cidr, "already_present", already));
        }
    }

    private void unreachable(String id, String reason) {
        unreachable.add(new Unreachable(id, reason));
        request.journal().record("instance_unreachable", Map.of("instance_id", id, "reason", reason));
    }

    private static List<List<String>> batches(List<String> ids) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += BATCH) {
            batches.add(List.copyOf(ids.subList(i, Math.min(ids.size(), i + BATCH))));
        }
        return batches;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for public IPs", e);
        }
    }

    /** A step of the fleet's provisioning or teardown, on the console when it shows the recap. */
    private void say(String line) {
        if (ConsoleOutput.of(request.parameters()) == ConsoleOutput.RECAP) {
            warn(line);
        }
    }

    /** What a user must see whatever the console shows (instances that may still run). */
    private static void warn(String line) {
        System.out.println("[lazarus] " + line);
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public List<Unreachable> unreachable() {
        return List.copyOf(unreachable);
    }

    @Override
    public String instanceType() {
        return settings.instanceType();
    }

    @Override
    public int maxRetryObserved() {
        return counter.maxAttempts();
    }

    @Override
    public void runEnded(boolean allSucceeded) {
        this.allSucceeded = allSucceeded;
    }

    @Override
    public void close() {
        try {
            List<String> ids;
            synchronized (launched) {
                ids = List.copyOf(launched);
            }
            boolean terminate = switch (settings.teardown()) {
                case ALWAYS -> true;
                case ON_SUCCESS -> allSucceeded;
                case NEVER -> false;
            };
            if (ids.isEmpty()) {
                return;
            }
            if (!terminate) {
                request.journal()
                        .record(
                                "teardown_skipped",
                                Map.of("policy", settings.teardown().name().toLowerCase(), "instance_ids", ids));
                return;
            }
            for (List<String> batch : batches(ids)) {
                client.terminateInstances(r -> r.instanceIds(batch));
            }
            boolean confirmed;
            try (Ec2Waiter waiter = Ec2Waiter.builder()
                    .client(client)
                    .overrideConfiguration(o -> o.waitTimeout(settings.waitTimeout())
                            .maxAttempts(100_000)
                            .backoffStrategyV2(BackoffStrategy.fixedDelay(settings.pollInterval())))
                    .build()) {
                confirmed = batches(ids).stream()
                        .allMatch(batch -> waiter.waitUntilInstanceTerminated(r -> r.instanceIds(batch))
                                .matched()
                                .response()
                                .isPresent());
            } catch (RuntimeException e) {
                confirmed = false;
            }
            request.journal().record("instances_terminated", Map.of("instance_ids", ids, "confirmed", confirmed));
            if (confirmed) {
                say("ec2: " + ids.size() + " instance(s) terminated");
            } else {
                warn("ec2: " + ids.size() + " instance(s) terminated (not confirmed within the bound)");
            }
        } finally {
            client.close();
        }
    }
}
