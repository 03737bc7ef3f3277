package dev.lazarus.run;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread-per-task executors for node workers: virtual threads when the JDK has them (21+, detected at
 * run time because the build targets 17), named platform daemon threads otherwise.
 */
public final class Workers {

    private static final Method OF_VIRTUAL = find(Thread.class, "ofVirtual");
    private static final Method PER_TASK =
            OF_VIRTUAL == null ? null : find(Executors.class, "newThreadPerTaskExecutor", ThreadFactory.class);

    private Workers() {}

    public static boolean virtualThreadsAvailable() {
        return OF_VIRTUAL != null && PER_TASK != null;
    }

    /** A new executor that starts one thread per task; the caller owns it and shuts it down. */
    public static ExecutorService perTask(String namePrefix) {
        if (virtualThreadsAvailable()) {
            try {
                Object builder = OF_VIRTUAL.invoke(null);
                Class<?> builderType = Class.forName("java.lang.Thread$Builder");
                builder =
                        builderType.getMethod("name", String.class, long.class).invoke(builder, namePrefix + "-", 0L);
                ThreadFactory factory =
                        (ThreadFactory) builderType.getMethod("factory").invoke(builder);
                return (ExecutorService) PER_TASK.invoke(null, factory);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("virtual threads are present but could not be created", e);
            }
        }
        AtomicLong counter = new AtomicLong();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, namePrefix + "-" + counter.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    private static Method find(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
