package dev.lazarus.controlplane.ec2.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful EC2 API emulator on WireMock, speaking the EC2 Query protocol (form-encoded {@code Action=...},
 * XML answers) on a loopback port, for the real AWS SDK to reach through {@code endpointOverride}.
 * Instances go pending → running after a delay and get their public IPs staggered over time, as real ones
 * arrive late; each public IP is the loopback address of an embedded SSH node, so an {@code ec2}
 * run goes end to end offline. Faults: throttling with the real error shape, 5xx answers, instances that
 * never become visible, instances that never get an IP. It is long because it is the whole emulated protocol: each
 * Query action the control plane calls, with its XML answer, readable against AWS's own reference.
 */
public final class Ec2Emulator implements AutoCloseable {

    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    static final Set<String> INSTANCE_TYPES = Set.of(
            "t2.nano",
            "t2.micro",
            "t2.small",
            "t2.medium",
            "t3.micro",
            "t3.small",
            "t3.medium",
            "m5.large",
            "c5.large");

    private final WireMockServer server;
    private final Deque<String> ipPool;
    private final Duration runningAfter;
    private final Duration ipAfter;
    private final Duration ipStagger;
    private volatile Ec2Faults faults;
    private final Random random;
    private final Map<String, EmulatedInstance> instances = new LinkedHashMap<>();
    private final Set<String> ingress = new HashSet<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private int launched;

    private Ec2Emulator(
            List<String> publicIps, Duration runningAfter, Duration ipAfter, Duration ipStagger, Ec2Faults faults) {
        this.ipPool = new ArrayDeque<>(publicIps);
        this.runningAfter = runningAfter;
        this.ipAfter = ipAfter;
        this.ipStagger = ipStagger;
        this.faults = faults;
        this.random = new Random(faults.seed());
        this.server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(16)
                .jettyAcceptors(1)
                .disableRequestJournal()
                .extensions(new Transformer()));
    }

    /**
     * Starts an emulator whose instances take their public IPs from {@code publicIps}, in order.
     *
     * @param runningAfter time from launch to {@code running}
     * @param ipAfter time from launch to the first public IP
     * @param ipStagger extra delay per launch index modulo 8, so IPs arrive late and unevenly
     */
    public static Ec2Emulator start(
            List<String> publicIps, Duration runningAfter, Duration ipAfter, Duration ipStagger, Ec2Faults faults) {
        Ec2Emulator emulator = new Ec2Emulator(publicIps, runningAfter, ipAfter, ipStagger, faults);
        emulator.server.start();
        emulator.server.stubFor(any(anyUrl()).willReturn(ok()));
        return emulator;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public void faults(Ec2Faults faults) {
        this.faults = faults;
    }

    /** Every instance launched so far, in launch order. */
    public synchronized List<EmulatedInstance> instances() {
        return List.copyOf(instances.values());
    }

    /** Ingress rules as {@code group/protocol/from-to/cidr}. */
    public synchronized Set<String> ingressRules() {
        return Set.copyOf(ingress);
    }

    public int calls(String action) {
        return calls.getOrDefault(action, new AtomicInteger()).get();
    }

    public int throttledCalls() {
        return throttled.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Map<String, String> form = parseForm(event.getRequest().getBodyAsString());
            String action = form.getOrDefault("Action", "");
            calls.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
            return handle(action, form);
        }

        @Override
        public String getName() {
            return "ec2-emulator";
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }
    }

    synchronized ResponseDefinition handle(String action, Map<String, String> form) {
        Ec2Faults f = faults;
        double roll = random.nextDouble();
        if (roll < f.throttleRate()) {
            throttled.incrementAndGet();
            return error(503, "RequestLimitExceeded", "Request limit exceeded.");
        }
        if (roll < f.throttleRate() + f.serverErrorRate()) {
            return error(500, "InternalError", "An internal error has occurred.");
        }
        try {
            return switch (action) {
                case "RunInstances" -> runInstances(form);
                case "DescribeInstances" -> describeInstances(form);
                case "TerminateInstances" -> terminateInstances(form);
                case "AuthorizeSecurityGroupIngress" -> authorizeIngress(form);
                case "CreateTags" -> createTags(form);
                default -> error(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
            };
        } catch (Ec2Error e) {
            return error(400, e.code, e.getMessage());
        }
    }

    private ResponseDefinition runInstances(Map<String, String> form) {
        String image = form.getOrDefault("ImageId", "");
        if (!image.matches("ami-[0-9a-f]{8,17}")) {
            throw new Ec2Error("InvalidAMIID.Malformed", "Invalid id: \"" + image + "\" (expecting \"ami-...\")");
        }
        String type = form.getOrDefault("InstanceType", "m1.small");
        if (!INSTANCE_TYPES.contains(type)) {
            throw new Ec2Error("InvalidParameterValue", "Invalid value '" + type + "' for InstanceType.");
        }
        int min = intParam(form, "MinCount");
        int max = intParam(form, "MaxCount");
        if (min < 1 || max < min) {
            throw new Ec2Error("InvalidParameterValue", "MinCount must be at least 1 and at most MaxCount");
        }
        if (min > ipPool.size()) {
            throw new Ec2Error(
                    "InsufficientInstanceCapacity",
                    "We currently do not have sufficient capacity (" + ipPool.size() + " left) for " + min
                            + " instances.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int t = 1; form.containsKey("TagSpecification.1.Tag." + t + ".Key"); t++) {
            tags.put(
                    form.get("TagSpecification.1.Tag." + t + ".Key"),
                    form.getOrDefault("TagSpecification.1.Tag." + t + ".Value", ""));
        }
        StringBuilder items = new StringBuilder();
        int count = Math.min(max, ipPool.size());
        for (int i = 0; i < count; i++) {
            launched++;
            String id = String.format("i-%017x", 0x1000L + launched);
            String privateIp = "172.31." + (launched / 250) + "." + (1 + launched % 250);
            EmulatedInstance instance = new EmulatedInstance(id, launched, image, type, privateIp, ipPool.poll(), tags);
            instances.put(id, instance);
            items.append(instanceXml(instance));
        }
        return xml(
                "RunInstancesResponse",
                "<reservationId>r-" + Long.toHexString(launched) + "</reservationId>"
                        + "<ownerId>123456789012</ownerId><groupSet/><instancesSet>" + items + "</instancesSet>");
    }

    private ResponseDefinition describeInstances(Map<String, String> form) {
        List<String> ids = indexed(form, "InstanceId.");
        List<EmulatedInstance> selected = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (String id : ids) {
                EmulatedInstance instance = instances.get(id);
                if (instance == null || !visible(instance)) {
                    throw new Ec2Error("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
                }
                selected.add(instance);
            }
        } else {
            instances.values().stream().filter(this::visible).forEach(selected::add);
        }
        for (int n = 1; form.containsKey("Filter." + n + ".Name"); n++) {
            String name = form.get("Filter." + n + ".Name");
            List<String> values = indexed(form, "Filter." + n + ".Value.");
            selected.removeIf(i -> !matches(i, name, values));
        }
        int offset = form.containsKey("NextToken") ? Integer.parseInt(form.get("NextToken")) : 0;
        int page = form.containsKey("MaxResults") ? intParam(form, "MaxResults") : Integer.MAX_VALUE;
        List<EmulatedInstance> slice = selected.subList(
                Math.min(offset, selected.size()), (int) Math.min((long) offset + page, selected.size()));
        StringBuilder reservations = new StringBuilder();
        for (EmulatedInstance i : slice) {
            reservations
                    .append("<item><reservationId>r-")
                    .append(i.id().substring(2))
                    .append("</reservationId>")
                    .append("<ownerId>123456789012</ownerId><groupSet/><instancesSet>")
                    .append(instanceXml(i))
                    .append("</instancesSet></item>");
        }
        String next =
                offset + slice.size() < selected.size() ? "<nextToken>" + (offset + slice.size()) + "</nextToken>" : "";
        return xml("DescribeInstancesResponse", "<reservationSet>" + reservations + "</reservationSet>" + next);
    }

    private boolean matches(EmulatedInstance i, String filter, List<String> values) {
        if (filter.startsWith("tag:")) {
            return values.contains(i.tags().get(filter.substring(4)));
        }
        if (filter.equals("instance-state-name")) {
            return values.contains(stateOf(i)[1]);
        }
        return true;
    }

    private ResponseDefinition terminateInstances(Map<String, String> form) {
        StringBuilder items = new StringBuilder();
        for (String id : indexed(form, "InstanceId.")) {
            EmulatedInstance instance = instances.get(id);
            if (instance == null) {
                throw new Ec2Error("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            }
            String[] previous = stateOf(instance);
            instance.terminate();
            items.append("<item><instanceId>")
                    .append(id)
                    .append("</instanceId>")
                    .append("<currentState><code>32</code><name>shutting-down</name></currentState>")
                    .append("<previousState><code>")
                    .append(previous[0])
                    .append("</code><name>")
                    .append(previous[1])
                    .append("</name></previousState></item>");
        }
        return xml("TerminateInstancesResponse", "<instancesSet>" + items + "</instancesSet>");
    }

    private ResponseDefinition authorizeIngress(Map<String, String> form) {
        String group = form.getOrDefault("GroupId", "");
        if (!group.matches("sg-[0-9a-f]{8,17}")) {
            throw new Ec2Error("InvalidGroupId.Malformed", "Invalid id: \"" + group + "\" (expecting \"sg-...\")");
        }
        List<String> rules = new ArrayList<>();
        for (int p = 1; form.containsKey("IpPermissions." + p + ".IpProtocol"); p++) {
            String prefix = "IpPermissions." + p + ".";
            for (String cidr : indexedField(form, prefix + "IpRanges.", ".CidrIp")) {
                rules.add(group + "/" + form.get(prefix + "IpProtocol") + "/" + form.get(prefix + "FromPort") + "-"
                        + form.get(prefix + "ToPort") + "/" + cidr);
            }
        }
        for (String rule : rules) {
            if (ingress.contains(rule)) {
                throw new Ec2Error(
                        "InvalidPermission.Duplicate",
                        "the specified rule \"peer: " + rule.substring(rule.lastIndexOf('/') + 1)
                                + "\" already exists");
            }
        }
        ingress.addAll(rules);
        return xml("AuthorizeSecurityGroupIngressResponse", "<return>true</return>");
    }

    private ResponseDefinition createTags(Map<String, String> form) {
        List<String> ids = indexed(form, "ResourceId.");
        for (int t = 1; form.containsKey("Tag." + t + ".Key"); t++) {
            for (String id : ids) {
                EmulatedInstance instance = instances.get(id);
                if (instance != null) {
                    instance.tag(form.get("Tag." + t + ".Key"), form.getOrDefault("Tag." + t + ".Value", ""));
                }
            }
        }
        return xml("CreateTagsResponse", "<return>true</return>");
    }

    private boolean visible(EmulatedInstance i) {
        return !faults.neverVisible().contains(i.launchIndex());
    }

    /** {code, name} of the instance's state now. */
    private String[] stateOf(EmulatedInstance i) {
        if (i.terminated()) {
            return new String[] {"48", "terminated"};
        }
        return i.ageMillis() >= runningAfter.toMillis()
                ? new String[] {"16", "running"}
                : new String[] {"0", "pending"};
    }

    private String publicIpOf(EmulatedInstance i) {
        long due = ipAfter.toMillis() + ipStagger.toMillis() * (i.launchIndex() % 8);
        boolean has = !i.terminated()
                && !faults.neverGetIp().contains(i.launchIndex())
                && stateOf(i)[1].equals("running")
                && i.ageMillis() >= due;
        return has ? i.assignedPublicIp() : null;
    }

    private String instanceXml(EmulatedInstance i) {
        String[] state = stateOf(i);
        String publicIp = publicIpOf(i);
        StringBuilder tags = new StringBuilder();
        i.tags()
                .forEach((k, v) -> tags.append("<item><key>")
                        .append(esc(k))
                        .append("</key><value>")
                        .append(esc(v))
                        .append("</value></item>"));
        return "<item><instanceId>" + i.id() + "</instanceId><imageId>" + esc(i.imageId()) + "</imageId>"
                + "<instanceState><code>" + state[0] + "</code><name>" + state[1] + "</name></instanceState>"
                + "<privateIpAddress>" + i.privateIp() + "</privateIpAddress>"
                + (publicIp == null ? "" : "<ipAddress>" + publicIp + "</ipAddress>")
                + "<instanceType>" + esc(i.instanceType()) + "</instanceType><amiLaunchIndex>" + (i.launchIndex() - 1)
                + "</amiLaunchIndex><tagSet>" + tags + "</tagSet></item>";
    }

    private static ResponseDefinition xml(String root, String body) {
        return new ResponseDefinitionBuilder()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + root + " xmlns=\"" + NS + "\"><requestId>"
                        + UUID.randomUUID() + "</requestId>" + body + "</" + root + ">")
                .build();
    }

    private static ResponseDefinition error(int status, String code, String message) {
        return new ResponseDefinitionBuilder()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code
                        + "</Code><Message>" + esc(message) + "</Message></Error></Errors><RequestID>"
                        + UUID.randomUUID() + "</RequestID></Response>")
                .build();
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new TreeMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static List<String> indexed(Map<String, String> form, String prefix) {
        List<String> values = new ArrayList<>();
        for (int n = 1; form.containsKey(prefix + n); n++) {
            values.add(form.get(prefix + n));
        }
        return values;
    }

    private static List<String> indexedField(Map<String, String> form, String prefix, String suffix) {
        List<String> values = new ArrayList<>();
        for (int n = 1; form.containsKey(prefix + n + suffix); n++) {
            values.add(form.get(prefix + n + suffix));
        }
        return values;
    }

    private static int intParam(Map<String, String> form, String key) {
        try {
            return Integer.parseInt(form.getOrDefault(key, ""));
        } catch (NumberFormatException e) {
            throw new Ec2Error("InvalidParameterValue", "Invalid value for " + key);
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final class Ec2Error extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        Ec2Error(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
