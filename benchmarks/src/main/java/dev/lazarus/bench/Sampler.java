package dev.lazarus.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Samples one measured phase: peak heap (used, garbage included), peak heap after a collection (what
 * survived: the live set's high-water mark, or -1 when no collection ran), peak RSS, peak platform threads, process CPU, and the CPU of the
 * embedded fleet's own threads (MINA's and the simulator's), so the harness's cost can be told from the
 * fleet's. A daemon thread owned by the sampler, stopped by {@link #close()}.
 */
final class Sampler implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Thread thread;
    private final long cpuStart = processCpuNanos();
    private final long wallStart = System.nanoTime();
    private final Map<Long, Long> fleetCpuByThread = new HashMap<>();
    private volatile boolean running = true;
    private long peakHeap;
    private long peakAfterGc = -1;
    private final List<Runnable> unlisten = new ArrayList<>();
    private long wallNanos;
    private long cpuNanos;

    Sampler() {
        resetPeakRss();
        THREADS.resetPeakThreadCount();
        listenToCollections();
        thread = new Thread(this::loop, "bench-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Records the heap left after every collection of the phase. */
    private void listenToCollections() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) {
                continue;
            }
            NotificationListener listener = (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                long after = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcInfo()
                        .getMemoryUsageAfterGc()
                        .entrySet()
                        .stream()
                        .filter(e -> heapPools.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed())
                        .sum();
                synchronized (this) {
                    peakAfterGc = Math.max(peakAfterGc, after);
                }
            };
            emitter.addNotificationListener(listener, null, null);
            unlisten.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException e) {
                    // already gone
                }
            });
        }
    }

    private final Map<Long, Boolean> fleetThread = new HashMap<>();
    private int ticks;

    private synchronized void sample() {
        Runtime rt = Runtime.getRuntime();
        peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
        if (ticks++ % 20 != 0) {
            return; // thread CPU once a second: asking about thousands of threads is not free
        }
        for (long id : THREADS.getAllThreadIds()) {
            Boolean fleet = fleetThread.get(id);
            if (fleet == null) {
                ThreadInfo info = THREADS.getThreadInfo(id);
                fleet = info != null && isFleet(info.getThreadName());
                fleetThread.put(id, fleet);
            }
            if (fleet) {
                long cpu = THREADS.getThreadCpuTime(id);
                if (cpu > 0) {
                    fleetCpuByThread.merge(id, cpu, Math::max);
                }
            }
        }
    }

    /** The simulated fleet's threads: MINA SSHD's I/O and timers, and the simulator's clock. */
    static boolean isFleet(String name) {
        return name.startsWith("sshd-")
                || name.contains("SshServer")
                || name.startsWith("embedded-fleet")
                || name.startsWith("Nio2")
                || name.contains("nio2");
    }

    @Override
    public synchronized void close() {
        running = false;
        thread.interrupt();
        unlisten.forEach(Runnable::run);
        ticks = 0;
        sample();
        wallNanos = System.nanoTime() - wallStart;
        cpuNanos = processCpuNanos() - cpuStart;
    }

    double wallSeconds() {
        return wallNanos / 1e9;
    }

    double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    synchronized double fleetCpuSeconds() {
        return fleetCpuByThread.values().stream().mapToLong(Long::longValue).sum() / 1e9;
    }

    long peakHeapBytes() {
        return peakHeap;
    }

    /** The most heap any collection of the phase left behind; -1 when none ran. */
    synchronized long peakHeapAfterGcBytes() {
        return peakAfterGc;
    }

    int peakThreads() {
        return THREADS.getPeakThreadCount();
    }

    /** VmHWM: the peak resident set since the last reset. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    /** Resets VmHWM (Linux: write 5 to clear_refs), so each phase has its own peak. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (Exception e) {
            // not Linux, or not allowed: the peak is then the process's
        }
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
