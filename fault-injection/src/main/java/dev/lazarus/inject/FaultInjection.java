package dev.lazarus.inject;

import dev.lazarus.config.Parameters;
import dev.lazarus.extension.NodeHooks;
import dev.lazarus.extension.NodeLifecycle;
import dev.lazarus.extension.SyntheticFailure;
import dev.lazarus.extension.WorkerVanished;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fault injectors, plugged into the engine's node lifecycle. Crash sites and ghosts act through
 * {@link NodeHooks} on a node's first attempt; node faults become the embedded fleet's behaviours. Every
 * injection is journaled ({@code injection_planned}) with its expected verdict before any install starts.
 */
public final class FaultInjection implements NodeLifecycle {

    static final String BEHAVIOURS = "lazarus.embedded.behaviours";
    static final String THROTTLE_RATE = "lazarus.ec2-emulated.throttle-rate";
    static final String NEVER_IP = "lazarus.ec2-emulated.never-ip";

    @Override
    public void validate(
            Class<?> scenarioClass, Parameters parameters, int fleetSize, Optional<List<String>> knownAddresses) {
        InjectionPlan.of(scenarioClass, parameters, fleetSize, knownAddresses);
    }

    @Override
    public RunPart forRun(
            Class<?> scenarioClass, Parameters parameters, int fleetSize, Optional<List<String>> knownAddresses) {
        InjectionPlan plan = InjectionPlan.of(scenarioClass, parameters, fleetSize, knownAddresses);
        if (plan.isEmpty()) {
            return RunPart.NONE;
        }
        return new RunPart() {
            @Override
            public Map<String, String> controlPlaneParameters(InjectionJournal journal) {
                Map<String, String> out = new HashMap<>();
                List<String> specs = new ArrayList<>();
                parameters.get(BEHAVIOURS).ifPresent(specs::add);
                plan.byPosition().forEach((position, fault) -> {
                    if (fault.behaviour != null) {
                        specs.add(position + "=" + fault.behaviour);
                    }
                });
                if (!specs.isEmpty()) {
                    out.put(BEHAVIOURS, String.join("; ", specs));
                }
                plan.throttleRate().ifPresent(rate -> {
                    journal.planned(
                            Fault.THROTTLE.name(),
                            null,
                            Fault.THROTTLE.expectedStatus,
                            List.of("throttled", "rate_" + rate));
                    out.put(THROTTLE_RATE, String.valueOf(rate));
                });
                if (!plan.noIp().isEmpty()) {
                    plan.noIp()
                            .forEach(index -> journal.planned(
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
            public NodeHooks nodeHooks(List<String> gold, InjectionJournal journal) {
                Map<String, Fault> byIp = new HashMap<>(plan.byIp());
                plan.byPosition().forEach((position, fault) -> {
                    if (position <= gold.size()) {
                        byIp.put(gold.get(position - 1), fault);
                    }
                });
                byIp.forEach(
                        (ip, fault) -> journal.planned(fault.name(), ip, fault.expectedStatus, fault.expectedTags));
                return new Injector(byIp);
            }
        };
    }

    /** Acts at the crash sites, on first attempts only (a resurrected attempt runs clean). */
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
