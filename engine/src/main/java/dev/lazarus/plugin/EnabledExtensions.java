package dev.lazarus.plugin;

import dev.lazarus.spi.Extension;
import dev.lazarus.spi.NodeLifecycle;
import dev.lazarus.spi.RunObserver;
import java.util.Comparator;
import java.util.List;

/** The extensions that run for one scenario: its observers in call order, and its node lifecycles. */
public record EnabledExtensions(List<Extension> all) {

    public EnabledExtensions {
        all = List.copyOf(all);
    }

    /** The ids, as the run journals them. */
    public List<String> ids() {
        return all.stream().map(Extension::id).toList();
    }

    public List<RunObserver> observers() {
        return all.stream()
                .filter(RunObserver.class::isInstance)
                .map(RunObserver.class::cast)
                .sorted(Comparator.comparingInt(RunObserver::order))
                .toList();
    }

    public List<NodeLifecycle> lifecycles() {
        return all.stream()
                .filter(NodeLifecycle.class::isInstance)
                .map(NodeLifecycle.class::cast)
                .toList();
    }
}
