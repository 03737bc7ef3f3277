package dev.lazarus.engine;

import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.match;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import dev.lazarus.api.NodeCheck;
import dev.lazarus.api.Scenario;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves class selectors (directly, or from package, classpath-root and module selectors through
 * JUnit's class container resolver, which find top-level scenarios only), method selectors and unique-id selectors to scenario descriptors. A node test's
 * unique id resolves to its scenario restricted to that node, so an IDE can re-run one node; a node check's method
 * (or a check's unique id) to its scenario running the install and that check only.
 */
final class ScenarioSelectorResolver implements SelectorResolver {

    private final Predicate<String> classNameFilter;

    ScenarioSelectorResolver(Predicate<String> classNameFilter) {
        this.classNameFilter = classNameFilter;
    }

    /**
     * What a package, class-path or module scan finds: top-level scenarios only. A scenario class nested in another
     * class (a fixture inside a test) runs only when selected directly: by its class, a method or a unique id.
     */
    static boolean isScannedScenario(Class<?> candidate) {
        return isScenario(candidate) && candidate.getEnclosingClass() == null;
    }

    /** A scenario is a concrete top-level or static class annotated with {@link Scenario}. */
    static boolean isScenario(Class<?> candidate) {
        return candidate.isAnnotationPresent(Scenario.class)
                && !Modifier.isAbstract(candidate.getModifiers())
                && !candidate.isAnonymousClass()
                && !candidate.isLocalClass()
                && (candidate.getEnclosingClass() == null || Modifier.isStatic(candidate.getModifiers()));
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> candidate = selector.getJavaClass();
        if (!isScenario(candidate) || !classNameFilter.test(candidate.getName())) {
            return unresolved();
        }
        return context.addToParent(parent -> Optional.of(ScenarioDescriptor.create(parent.getUniqueId(), candidate)))
                .map(d -> {
                    d.selectWholeFleet();
                    d.selectEveryCheck();
                    return match(Match.exact(d));
                })
                .orElse(unresolved());
    }

    /** A {@code @NodeCheck} method of a scenario: the install on the whole fleet, then that check. */
    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> candidate = selector.getJavaClass();
        if (!isScenario(candidate)
                || !classNameFilter.test(candidate.getName())
                || !selector.getJavaMethod().isAnnotationPresent(NodeCheck.class)) {
            return unresolved();
        }
        String check = selector.getJavaMethod().getName();
        return context.addToParent(parent -> Optional.of(ScenarioDescriptor.create(parent.getUniqueId(), candidate)))
                .map(d -> {
                    d.selectWholeFleet();
                    d.selectCheck(check);
                    return match(Match.exact(d));
                })
                .orElse(unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        List<UniqueId.Segment> segments = id.getSegments();
        if (segments.size() < 2 || !segments.get(1).getType().equals(ScenarioDescriptor.SEGMENT)) {
            return unresolved();
        }
        Optional<Class<?>> scenarioClass =
                ReflectionSupport.tryToLoadClass(segments.get(1).getValue()).toOptional();
        if (scenarioClass.isEmpty() || !isScenario(scenarioClass.get())) {
            return unresolved();
        }
        Optional<String> nodeIp = segments.stream()
                .filter(s -> s.getType().equals(NodeTestDescriptor.SEGMENT))
                .map(UniqueId.Segment::getValue)
                .findFirst();
        Optional<String> check = segments.stream()
                .filter(s -> s.getType().equals(CheckTestDescriptor.SEGMENT))
                .map(UniqueId.Segment::getValue)
                .findFirst();
        Optional<ScenarioDescriptor> scenario = context.addToParent(
                parent -> Optional.of(ScenarioDescriptor.create(parent.getUniqueId(), scenarioClass.get())));
        return scenario.map(d -> {
                    nodeIp.ifPresentOrElse(d::selectNode, d::selectWholeFleet);
                    check.ifPresentOrElse(d::selectCheck, d::selectEveryCheck);
                    return match(Match.exact(d));
                })
                .orElse(unresolved());
    }
}
