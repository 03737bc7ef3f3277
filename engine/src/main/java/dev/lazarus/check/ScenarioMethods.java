package dev.lazarus.check;

import dev.lazarus.api.BeforeInstall;
import dev.lazarus.api.NodeCheck;
import dev.lazarus.spi.LazarusConfigurationException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A scenario's {@code @BeforeInstall} and {@code @NodeCheck} methods, in the order they run: a superclass's before
 * its subclass's, each class's in declaration order. Checked at discovery: not private, parameters Lazarus can give,
 * one check per name, and a class it can instantiate when a method is not static.
 */
public record ScenarioMethods(List<ScenarioMethod> beforeInstall, List<ScenarioMethod> checks) {

    public static final ScenarioMethods NONE = new ScenarioMethods(List.of(), List.of());

    public ScenarioMethods {
        beforeInstall = List.copyOf(beforeInstall);
        checks = List.copyOf(checks);
    }

    /**
     * @throws LazarusConfigurationException naming the method and what is wrong with it
     */
    public static ScenarioMethods of(Class<?> scenarioClass) {
        List<ScenarioMethod> before = new ArrayList<>();
        List<ScenarioMethod> checks = new ArrayList<>();
        Deque<Class<?>> hierarchy = new ArrayDeque<>();
        for (Class<?> c = scenarioClass; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.push(c);
        }
        for (Class<?> c : hierarchy) {
            before.addAll(annotated(c, BeforeInstall.class));
            checks.addAll(annotated(c, NodeCheck.class));
        }
        Set<String> names = new HashSet<>();
        for (ScenarioMethod check : checks) {
            if (!names.add(check.name())) {
                throw bad(check.method(), "another @NodeCheck has the same name; a check is known by its name");
            }
        }
        boolean needsInstance =
                before.stream().anyMatch(m -> !m.isStatic()) || checks.stream().anyMatch(m -> !m.isStatic());
        if (needsInstance) {
            instantiable(scenarioClass);
        }
        return new ScenarioMethods(before, checks);
    }

    public boolean isEmpty() {
        return beforeInstall.isEmpty() && checks.isEmpty();
    }

    /** The checks' names, in the order they run. */
    public List<String> checkNames() {
        return checks.stream().map(ScenarioMethod::name).toList();
    }

    /** These methods with only the checks named {@code selected} (all of them when it is empty). */
    public ScenarioMethods onlyChecks(Set<String> selected) {
        if (selected.isEmpty()) {
            return this;
        }
        Set<String> unknown = new java.util.TreeSet<>(selected);
        checkNames().forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new LazarusConfigurationException(
                    "no @NodeCheck named " + unknown + "; the scenario's checks: " + checkNames());
        }
        return new ScenarioMethods(
                beforeInstall,
                checks.stream().filter(c -> selected.contains(c.name())).toList());
    }

    private static List<ScenarioMethod> annotated(Class<?> c, Class<? extends Annotation> annotation) {
        List<ScenarioMethod> found = new ArrayList<>();
        for (Method m : c.getDeclaredMethods()) {
            if (!m.isAnnotationPresent(annotation) || m.isSynthetic()) {
                continue;
            }
            if (Modifier.isPrivate(m.getModifiers())) {
                throw bad(m, "it is private; a scenario method may have any other visibility");
            }
            for (Class<?> p : m.getParameterTypes()) {
                if (!ScenarioMethod.PARAMETERS.contains(p)) {
                    throw bad(
                            m,
                            "Lazarus cannot give it a " + p.getSimpleName()
                                    + "; allowed parameters: Host, NodeInfo, RunInfo");
                }
            }
            m.setAccessible(true);
            found.add(new ScenarioMethod(m));
        }
        List<String> order = DeclarationOrder.of(c).orElse(List.of());
        found.sort(Comparator.comparingInt((ScenarioMethod m) -> {
                    int i = order.indexOf(m.descriptor());
                    return i < 0 ? Integer.MAX_VALUE : i;
                })
                .thenComparing(ScenarioMethod::name));
        return found;
    }

    private static void instantiable(Class<?> scenarioClass) {
        try {
            Constructor<?> constructor = scenarioClass.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new LazarusConfigurationException(scenarioClass.getName() + " has non-static @NodeCheck or "
                    + "@BeforeInstall methods but no constructor without parameters to create it with");
        }
    }

    private static LazarusConfigurationException bad(Method m, String why) {
        return new LazarusConfigurationException(m.getDeclaringClass().getName() + "." + m.getName() + ": " + why);
    }
}
