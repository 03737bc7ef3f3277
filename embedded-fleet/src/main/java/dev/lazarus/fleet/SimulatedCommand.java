package dev.lazarus.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Plays a {@link Script} on an SSH channel: each output chunk at its time, then the exit status. Steps
 * are chained (each schedules the next) so stdout and stderr keep their order; no thread waits while a
 * command "runs", so thousands of nodes share a few scheduler threads.
 */
final class SimulatedCommand implements Command {

    private final EmbeddedFleet fleet;
    private final String commandLine;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile ScheduledFuture<?> next;
    private volatile boolean destroyed;
    private volatile SimulatedNode node;
    private volatile Script script;

    SimulatedCommand(EmbeddedFleet fleet, String commandLine) {
        this.fleet = fleet;
        this.commandLine = commandLine;
    }

    @Override
    public void setInputStream(InputStream in) {
        // the simulated commands read no input
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        SimulatedNode node = fleet.nodeAt(ipOf(channel.getSession().getLocalAddress()));
        Script script = node.shell().run(commandLine);
        this.node = node;
        this.script = script;
        if (script.group() != 0) {
            node.state().groupStarted(script.group(), script.groupCommand());
        }
        long startNanos = System.nanoTime();
        play(channel, script, script.steps(), 0, startNanos);
    }

    private void play(ChannelSession channel, Script script, List<Script.Step> steps, int index, long startNanos) {
        if (destroyed) {
            return;
        }
        ScheduledExecutorService clock = fleet.clock();
        long at = index < steps.size() ? steps.get(index).atMillis() : script.durationMillis();
        long delayNanos = Math.max(0, startNanos + TimeUnit.MILLISECONDS.toNanos(at) - System.nanoTime());
        next = clock.schedule(
                () -> {
                    try {
                        if (index < steps.size()) {
                            Script.Step step = steps.get(index);
                            OutputStream target = step.stream() == Script.Stream.STDOUT ? out : err;
                            target.write(step.text().getBytes(StandardCharsets.UTF_8));
                            target.flush();
                            play(channel, script, steps, index + 1, startNanos);
                        } else {
                            finish(channel, script);
                        }
                    } catch (IOException e) {
                        // the client went away: nothing to deliver any more
                    }
                },
                delayNanos,
                TimeUnit.NANOSECONDS);
    }

    private void finish(ChannelSession channel, Script script) throws IOException {
        if (script.ending() != Script.End.STALL) {
            ended();
        }
        switch (script.ending()) {
            case EXIT -> exit.onExit(script.exitStatus());
            case DROP -> channel.getSession().close(true);
            case STALL -> {} // never a byte more, never an exit: the client's watchdog must notice
        }
    }

    /**
     * The channel went. A command that hangs stays running on the node, as a real one does when its connection goes,
     * until something ends its process group; any other ends with its channel.
     */
    @Override
    public void destroy(ChannelSession channel) {
        destroyed = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
        Script s = script;
        if (s != null && s.ending() != Script.End.STALL) {
            ended();
        }
    }

    private void ended() {
        Script s = script;
        if (s != null && s.group() != 0) {
            node.state().groupEnded(s.group());
        }
    }

    static String ipOf(SocketAddress address) {
        return ((InetSocketAddress) address).getAddress().getHostAddress();
    }
}
