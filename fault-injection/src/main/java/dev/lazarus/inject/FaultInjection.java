package dev.lazarus.inject;

import dev.lazarus.spi.NodeHooks;
import dev.lazarus.spi.NodeLifecycle;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunObserver;
import dev.lazarus.spi.RunResult;
import dev.lazarus.spi.ScenarioInfo;
import dev.lazarus.spi.SyntheticFailure;
import dev.lazarus.spi.WorkerVanished;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fault injectors, as one extension ({@code fault-injection}): switched on for a scenario by {@link Inject} on it or
 * by a {@code lazarus.inject.<FAULT>} parameter (a CI variable), off otherwise. Crash sites and ghosts act through
 * {@link NodeHooks} on a node's first attempt; node faults become the embedded fleet's behaviours; control-plane
 * faults the EC2 emulator's settings. Every injection is journaled with its expected verdict before it acts, and
 * the run ends with the detection matrix ({@link InjectionMatrix}).
 */
public final class FaultInjection implements NodeLifecycle, RunObserver {

    public static final String ID = "fault-injection";

    static final String BEHAVIOURS = "lazarus.embedded.behaviours";
    static final String THROTTLE_RATE = "lazarus.ec2-emulated.throttle-rate";
    static final String NEVER_IP = "lazarus.ec2-emulated.never-ip";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String activity() {
        return "writing the fault-injection matrix";
    }

    @Override
    public Set<Class<? extends Annotation>> enablingAnnotations() {
        return Set.of(Inject.class);
    }

    /** A fault given by parameter switches injection on; the seed alone does not. */
    @Override
    public boolean enabledByParameter(String parameter) {
        return parameter.startsWith(InjectionPlan.PREFIX) && !parameter.equals(InjectionPlan.SEED);
    }

    @Override
    public void validate(ScenarioInfo scenario) {
        InjectionPlan.of(scenario);
    }

    @Override
    public RunPart forRun(ScenarioInfo scenario) {
        InjectionPlan plan = InjectionPlan.of(scenario);
        if (plan.isEmpty()) {
            return RunPart.NONE;
        }
        return new RunPart() {
            @Override
            public Map<String, String> controlPlaneParameters(Expectations expectations) {
                Map<String, String> out = new HashMap<>();
                List<String> specs = new ArrayList<>();
                scenario.parameters().get(BEHAVIOURS).ifPresent(specs::add);
                plan.byPosition().forEach((position, fault) -> {
                    if (fault.behaviour != null) {
                        specs.add(position + "=" + fault.behaviour);
                    }
                });
                if (!specs.isEmpty()) {
                    out.put(BEHAVIOURS, String.join("; ", specs));
                }
                plan.throttleRate().ifPresent(rate -> {
                    expectations.expect(
                            Fault.THROTTLE.name(),
                            null,
                            Fault.THROTTLE.expectedStatus,
                            List.of("throttled", "rate_" + rate));
                    out.put(THROTTLE_RATE, String.valueOf(rate));
                });
                if (!plan.noIp().isEmpty()) {
                    plan.noIp()
                            .forEach(index -> expectations.expect(
                                    Fault.NO_IP.name(),
                                    null,
                                    Fault.NO_IP.expectedStatus,
                                    List.of("no_public_ip", "launch_index_" + index)));
                    out.put(
                            NEVER_IP,
                            String.join(
                                    ",",
                                    plan.noIp().stream().map(String::valueOf).toList()));
                }
                return out;
            }

            @Override
            public NodeHooks nodeHooks(List<String> fleetIps, Expectations expectations) {
                Map<String, Fault> byIp = new HashMap<>(plan.byIp());
                plan.byPosition().forEach((position, fault) -> {
                    if (position <= fleetIps.size()) {
                        byIp.put(fleetIps.get(position - 1), fault);
                    }
                });
                byIp.forEach(
                        (ip, fault) -> expectations.expect(fault.name(), ip, fault.expectedStatus, fault.expectedTags));
                return new Injector(byIp);
            }
        };
    }

    /** The detection matrix of the run, when it had injections. */
    @Override
    public void runFinished(RunContext run, RunResult result) throws Exception {
        InjectionMatrix.write(run, result);
    }

    /** Acts at the points of a node attempt, on first attempts only (a resurrected attempt runs clean). */
    static final class Injector implements NodeHooks {
        private final Map<String, Fault> byIp;

        Injector(Map<String, Fault> byIp) {
            this.byIp = Map.copyOf(byIp);
        }

        private void act(String ip, int attempt, Fault.Site site) {
            Fault fault = byIp.get(ip);
            if (fault == null || attempt != 1 || fault.site != site) {
                return;
            }
            if (fault == Fault.GHOST) {
                throw new WorkerVanished("synthetic ghost injected on " + ip);
            }
            List<String> tags = fault.expectedTags.stream()
                    .filter(t -> !t.equals("future_exception"))
                    .toList();
            throw new SyntheticFailure(fault.name() + " injected on " + ip, tags);
        }

        @Override
        public void beforeConnect(String publicIp, int attempt) {
            act(publicIp, attempt, Fault.Site.BEFORE_CONNECT);
        }

        @Override
        public void afterConnect(String publicIp, int attempt) {
            act(publicIp, attempt, Fault.Site.AFTER_CONNECT);
        }

        @Override
        public void afterCommand(String publicIp, int attempt, int index) {
            if (index == 0) {
                act(publicIp, attempt, Fault.Site.AFTER_FIRST_COMMAND);
            }
        }

        @Override
        public void beforeSuccess(String publicIp, int attempt) {
            act(publicIp, attempt, Fault.Site.BEFORE_SUCCESS);
        }
    }
}
