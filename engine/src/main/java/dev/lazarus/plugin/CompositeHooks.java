package dev.lazarus.plugin;

import dev.lazarus.spi.NodeHooks;
import java.util.List;

/** The node hooks of every extension in a run, called in order. */
public final class CompositeHooks implements NodeHooks {

    private final List<NodeHooks> hooks;

    private CompositeHooks(List<NodeHooks> hooks) {
        this.hooks = hooks;
    }

    public static NodeHooks of(List<NodeHooks> hooks) {
        List<NodeHooks> active = hooks.stream().filter(h -> h != NodeHooks.NONE).toList();
        return active.isEmpty() ? NodeHooks.NONE : active.size() == 1 ? active.get(0) : new CompositeHooks(active);
    }

    @Override
    public void beforeConnect(String publicIp, int attempt) {
        hooks.forEach(h -> h.beforeConnect(publicIp, attempt));
    }

    @Override
    public void afterConnect(String publicIp, int attempt) {
        hooks.forEach(h -> h.afterConnect(publicIp, attempt));
    }

    @Override
    public void afterCommand(String publicIp, int attempt, int index) {
        hooks.forEach(h -> h.afterCommand(publicIp, attempt, index));
    }

    @Override
    public void beforeSuccess(String publicIp, int attempt) {
        hooks.forEach(h -> h.beforeSuccess(publicIp, attempt));
    }
}
