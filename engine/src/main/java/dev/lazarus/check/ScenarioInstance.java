package dev.lazarus.check;

import dev.lazarus.api.Host;
import dev.lazarus.api.NodeInfo;
import dev.lazarus.api.RunInfo;
import dev.lazarus.host.HostCommandFailed;
import dev.lazarus.verdict.CheckOutcome;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * The scenario class for one node attempt: its instance (created at the first non-static method, one per attempt, as
 * JUnit creates one per test method's class) and what its methods are given.
 */
public final class ScenarioInstance {

    private final Class<?> scenarioClass;
    private final Host host;
    private final NodeInfo node;
    private final RunInfo run;
    private Object instance;

    public ScenarioInstance(Class<?> scenarioClass, Host host, NodeInfo node, RunInfo run) {
        this.scenarioClass = scenarioClass;
        this.host = host;
        this.node = node;
        this.run = run;
    }

    /** Calls {@code method}; it never throws: whatever the method does becomes its outcome. */
    public CheckOutcome call(ScenarioMethod method) {
        try {
            Object target = method.isStatic() ? null : instance();
            method.method().invoke(target, arguments(method));
            return CheckOutcome.passed(method.name());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            List<String> tags = cause instanceof HostCommandFailed f ? f.tags() : List.of();
            return CheckOutcome.threw(method.name(), cause, tags);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return CheckOutcome.threw(method.name(), e, List.of());
        }
    }

    private Object instance() throws ReflectiveOperationException {
        if (instance == null) {
            Constructor<?> constructor = scenarioClass.getDeclaredConstructor();
            constructor.setAccessible(true);
            instance = constructor.newInstance();
        }
        return instance;
    }

    private Object[] arguments(ScenarioMethod method) {
        Class<?>[] types = method.method().getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = types[i] == Host.class ? host : types[i] == NodeInfo.class ? node : run;
        }
        return arguments;
    }
}
