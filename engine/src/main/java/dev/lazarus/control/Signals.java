package dev.lazarus.control;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * SIGTERM and SIGINT while a run is going: the first starts the JVM's orderly shutdown (so the run's
 * {@link Cancellation} hook ends it and writes its reports); a second one, while that is under way, halts
 * the JVM at once. Installed for one run and put back as it was when the run ends. Uses {@code sun.misc.Signal}
 * (module jdk.unsupported) through reflection; where it is missing or refused (e.g. {@code -Xrs}) the JVM's
 * own handling stays, and only the first-signal behaviour (the shutdown hook) applies.
 */
final class Signals {

    /** What a signal does: the first one shuts down in order, the next one halts. */
    static final class Policy {
        private final AtomicInteger received = new AtomicInteger();
        private final IntConsumer orderly;
        private final IntConsumer halt;

        Policy(IntConsumer orderly, IntConsumer halt) {
            this.orderly = orderly;
            this.halt = halt;
        }

        void on(int signalNumber) {
            int status = 128 + signalNumber;
            if (received.incrementAndGet() == 1) {
                orderly.accept(status);
            } else {
                halt.accept(status);
            }
        }
    }

    private Signals() {}

    /** Installs the policy for TERM and INT; returns what puts the previous handlers back. */
    static Runnable install(Policy policy) {
        List<Runnable> restore = new ArrayList<>();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method number = signalClass.getMethod("getNumber");
            InvocationHandler onSignal = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    policy.on((Integer) number.invoke(args[0]));
                    return null;
                }
                return method.getName().equals("hashCode")
                        ? System.identityHashCode(proxy)
                        : method.getName().equals("equals") ? proxy == args[0] : "lazarus signal handler";
            };
            Object handler =
                    Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
            for (String name : new String[] {"TERM", "INT"}) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                Object previous = handle.invoke(null, signal, handler);
                restore.add(() -> {
                    try {
                        handle.invoke(null, signal, previous);
                    } catch (ReflectiveOperationException e) {
                        // the JVM is going away, or the handler was replaced since: nothing to put back
                    }
                });
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no sun.misc.Signal here, or signals are reserved (-Xrs): the shutdown hook alone handles a stop
        }
        return () -> restore.forEach(Runnable::run);
    }

    /** The policy of a real run: exit through the shutdown hooks, then halt on the second signal. */
    static Policy forJvm() {
        return new Policy(
                status -> {
                    Thread exit = new Thread(() -> System.exit(status), "lazarus-signal-exit");
                    exit.setDaemon(true);
                    exit.start();
                },
                status -> Runtime.getRuntime().halt(status));
    }
}
