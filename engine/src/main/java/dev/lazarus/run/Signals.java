package dev.lazarus.run;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * SIGTERM and SIGINT while a run is going: the first cancels the run, which ends in order and writes its reports
 * (the JVM is not made to exit: the launcher returns when the run has ended); a second one, while that is under way,
 * halts the JVM at once. Installed for one run and put back as it was when the run ends. Uses
 * {@code sun.misc.Signal} (module jdk.unsupported) through reflection; where it is missing or refused (e.g.
 * {@code -Xrs}) the JVM's own handling stays, and its shutdown hook cancels the run instead.
 */
final class Signals {

    /** What a signal does: the first one cancels, the next one halts. */
    static final class Policy {
        private final AtomicInteger received = new AtomicInteger();
        private final Consumer<String> cancel;
        private final IntConsumer halt;

        /**
         * @param cancel called with the signal's name ({@code SIGTERM}) on the first signal
         * @param halt called with the exit status (128 + the signal's number) on any later one
         */
        Policy(Consumer<String> cancel, IntConsumer halt) {
            this.cancel = cancel;
            this.halt = halt;
        }

        void on(String name, int number) {
            if (received.incrementAndGet() == 1) {
                cancel.accept("SIG" + name);
            } else {
                halt.accept(128 + number);
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
            Method name = signalClass.getMethod("getName");
            InvocationHandler onSignal = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    policy.on((String) name.invoke(args[0]), (Integer) number.invoke(args[0]));
                    return null;
                }
                return method.getName().equals("hashCode")
                        ? System.identityHashCode(proxy)
                        : method.getName().equals("equals") ? proxy == args[0] : "lazarus signal handler";
            };
            Object handler =
                    Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
            for (String signalName : new String[] {"TERM", "INT"}) {
                Object signal = signalClass.getConstructor(String.class).newInstance(signalName);
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
}
