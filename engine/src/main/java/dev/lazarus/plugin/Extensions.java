package dev.lazarus.plugin;

import static dev.lazarus.api.LazarusParameters.EXTENSIONS;

import dev.lazarus.spi.Extension;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The extensions on the class path, and which of them run for a scenario. One is enabled when it is on by default
 * (the reports), when {@code lazarus.extensions} names it, when one of its annotations is on the scenario, or when
 * one of its parameters has a value; {@code lazarus.extensions=-<id>} turns it off whatever else says.
 */
public final class Extensions {

    private final List<Extension> onClassPath;

    private Extensions(List<Extension> onClassPath) {
        this.onClassPath = onClassPath;
    }

    public static Extensions load(ClassLoader loader) {
        List<Extension> found = new ArrayList<>();
        ServiceLoader.load(Extension.class, loader).forEach(found::add);
        return new Extensions(List.copyOf(found));
    }

    /** The reports {@code dev.lazarus:lazarus-reports} brings, by id: without any, a run writes only its journal. */
    static final Set<String> SHIPPED_REPORTS = Set.of("registry-artifacts", "recap", "allure");

    /** What to tell the user when none of the shipped reports is on the class path; empty when one is. */
    public Optional<String> reportsMissing() {
        if (onClassPath.stream().anyMatch(e -> SHIPPED_REPORTS.contains(e.id()))) {
            return Optional.empty();
        }
        return Optional.of("no reports on the class path: runs will write their journal only (no recap, no registry"
                + " artifacts, no Allure results); add dev.lazarus:lazarus (the starter) or"
                + " dev.lazarus:lazarus-reports to the test dependencies (the report command can rebuild them later"
                + " from the journal)");
    }

    /** These extensions (tests). */
    public static Extensions of(List<Extension> extensions) {
        return new Extensions(List.copyOf(extensions));
    }

    /**
     * The extensions enabled for {@code scenarioClass}.
     *
     * @throws LazarusConfigurationException when {@code lazarus.extensions} names one that is not on the class path
     */
    public EnabledExtensions enabledFor(Class<?> scenarioClass, Parameters parameters) {
        Selection selection = Selection.of(parameters, onClassPath);
        Set<String> givenParameters = parameters.keys().stream()
                .filter(key -> parameters.get(key).isPresent())
                .collect(Collectors.toSet());
        return new EnabledExtensions(onClassPath.stream()
                .filter(e -> !selection.off(e))
                .filter(e -> e.enabledByDefault()
                        || selection.on(e)
                        || e.enablingAnnotations().stream()
                                .anyMatch(a -> scenarioClass.getAnnotationsByType(a).length > 0)
                        || givenParameters.stream().anyMatch(e::enabledByParameter))
                .toList());
    }

    /**
     * The extensions a report rebuilt from a journal runs: those on by default and those the run had enabled
     * ({@code ids}), as {@code lazarus.extensions} adjusts them.
     */
    public EnabledExtensions enabledByIds(Collection<String> ids, Parameters parameters) {
        Selection selection = Selection.of(parameters, onClassPath);
        return new EnabledExtensions(onClassPath.stream()
                .filter(e -> !selection.off(e))
                .filter(e -> e.enabledByDefault() || selection.on(e) || ids.contains(e.id()))
                .toList());
    }

    /** What {@code lazarus.extensions} says: extensions switched on, and extensions switched off. */
    private record Selection(Set<String> on, Set<String> off) {

        static Selection of(Parameters parameters, List<Extension> known) {
            Set<String> on = new LinkedHashSet<>();
            Set<String> off = new LinkedHashSet<>();
            for (String item :
                    parameters.get(EXTENSIONS).map(raw -> raw.split(",")).orElse(new String[0])) {
                String name = item.strip();
                if (name.isEmpty()) {
                    continue;
                }
                boolean turnOff = name.startsWith("-");
                String wanted = turnOff ? name.substring(1).strip() : name;
                Extension extension = known.stream()
                        .filter(e -> names(e, wanted))
                        .findFirst()
                        .orElseThrow(() -> new LazarusConfigurationException(EXTENSIONS + ": '" + wanted
                                + "' is neither the id nor the class name of an extension on the class path; there: "
                                + known.stream().map(Extension::id).sorted().collect(Collectors.joining(", "))));
                (turnOff ? off : on).add(extension.id());
            }
            return new Selection(on, off);
        }

        private static boolean names(Extension e, String name) {
            return e.id().equals(name) || e.getClass().getName().equals(name);
        }

        boolean on(Extension e) {
            return on.contains(e.id());
        }

        boolean off(Extension e) {
            return off.contains(e.id());
        }
    }
}
