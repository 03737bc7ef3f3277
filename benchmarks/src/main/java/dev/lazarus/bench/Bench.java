package dev.lazarus.bench;

import dev.lazarus.execution.Workers;
import dev.lazarus.fleet.EmbeddedFleet;
import dev.lazarus.fleet.openssh.RealSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The scale benchmark. For each fleet size: the embedded floor (bare sshj against the simulated fleet) and
 * Lazarus on the same fleet, measured in the same JVM one after the other; then the real-OpenSSH peers
 * (Lazarus, Ansible, bare sshj) and the memory check over rounds. Prints Markdown tables.
 *
 * <pre>benchmarks/run [--sizes 100,512,1000,2000,4000] [--peers 50,100,200] [--rounds 5]</pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // sshj and MINA talk at info
        List<Integer> sizes = List.of(100, 512, 1000, 2000);
        List<Integer> peers = List.of(50, 100, 200);
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = ints(args[++i]);
                case "--peers" -> peers = ints(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: Bench [--sizes 100,512] [--peers 50,100,200] [--rounds 5]");
            }
        }
        // readable by the sshd login user, which reads its authorized_keys below this folder
        Path out = Files.createTempDirectory("lazarus-bench",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            String jdk = "JDK " + Runtime.version().feature() + " ("
                    + (Workers.virtualThreadsAvailable() ? "virtual" : "platform") + " threads), "
                    + Runtime.getRuntime().availableProcessors() + " cores, heap max "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB";
            System.out.println("\n### Embedded fleet, Tomcat scenario — " + jdk + "\n");
            embedded(out, sizes);
            if (rounds > 0) {
                System.out.println("\n### Memory over " + rounds + " rounds of 512 nodes — " + jdk + "\n");
                rounds(out, rounds);
            }
            if (!peers.isEmpty()) {
                System.out.println("\n### Real OpenSSH fleet, 5 × `sleep 0.2; echo stepK` — " + jdk + "\n");
                openSsh(out, peers);
            }
        } finally {
            if (System.getenv("BENCH_KEEP") == null) {
                delete(out);
            } else {
                System.err.println("[bench] kept " + out);
            }
        }
    }

    private static void embedded(Path out, List<Integer> sizes) throws Exception {
        System.out.println("| N | floor s | Lazarus s | Lazarus ÷ floor | ideal s | wall ÷ ideal | harness CPU s "
                + "| fleet CPU s | peak heap MiB | heap KiB/node | peak RSS MiB | threads | failures "
                + "| control plane s | connect+auth s | commands s | reports s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            double floor;
            int floorFailures;
            try (EmbeddedFleet fleet = EmbeddedFleet.start(n, 1, 0, Map.of())) {
                Floor.Login login = Floor.Login.of(fleet.harnessKey());
                List<Floor.Target> targets = fleet.nodes().stream()
                        .map(node -> new Floor.Target(node.ip(), fleet.port(), EmbeddedFleet.USER, login)).toList();
                gc();
                try (Sampler s = new Sampler()) {
                    floorFailures = Floor.run(targets, BenchTomcat.COMMANDS);
                    s.close();
                    floor = s.wallSeconds();
                }
            }
            gc();
            Sampler s = new Sampler();
            LazarusRun.Stats stats;
            try {
                stats = LazarusRun.run(BenchTomcat.class, out, Map.of("lazarus.fleet.size", String.valueOf(n),
                        "lazarus.resurrection.rounds", "0"));
            } finally {
                s.close();
            }
            long rss = Sampler.peakRssBytes();
            double reports = s.wallSeconds() - stats.runSeconds();
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | **%.2f** | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d "
                            + "| %d | %.2f | %.1f | %.1f | %.1f |%n",
                    n, floor, s.wallSeconds(), s.wallSeconds() / floor, stats.idealSeconds(),
                    s.wallSeconds() / stats.idealSeconds(), s.cpuSeconds() - s.fleetCpuSeconds(), s.fleetCpuSeconds(),
                    s.peakHeapBytes() >> 20, (s.peakHeapBytes() >> 10) / n, rss >> 20, s.peakThreads(),
                    stats.failures() + floorFailures, stats.controlPlaneSeconds(), stats.connectSeconds(),
                    stats.commandsSeconds(), reports);
            clean(out);
        }
    }

    private static void rounds(Path out, int rounds) throws Exception {
        System.out.println("| round | wall s | failures | heap after GC MiB |");
        System.out.println("|---|---|---|---|");
        for (int r = 1; r <= rounds; r++) {
            long start = System.nanoTime();
            LazarusRun.Stats stats = LazarusRun.run(BenchTomcat.class, out, Map.of("lazarus.fleet.size", "512",
                    "lazarus.resurrection.rounds", "0"));
            double wall = (System.nanoTime() - start) / 1e9;
            clean(out);
            gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "| %d | %.1f | %d | %d |%n", r, wall, stats.failures(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    private static void openSsh(Path out, List<Integer> sizes) throws Exception {
        String why = RealSshd.unavailableBecause();
        if (why != null) {
            System.out.println("_skipped: " + why + "_");
            return;
        }
        String ansibleMissing = Ansible.unavailableBecause();
        System.out.println("| N | floor s | Lazarus s | Ansible s | Lazarus ÷ floor | Lazarus ÷ Ansible | failures |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            List<String> addresses = IntStream.range(0, n).mapToObj(i -> "127.0." + (20 + i / 250) + "." + (1 + i % 250))
                    .toList();
            Path dir = Files.createTempDirectory(out, "sshd", java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
            try (OpenSshFleet fleet = OpenSshFleet.start(dir, addresses)) {
                long t0 = System.nanoTime();
                int floorFailures = Floor.run(fleet.targets(), BenchOpenSsh.COMMANDS);
                double floor = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                LazarusRun.Stats stats = LazarusRun.run(BenchOpenSsh.class, out, Map.of(
                        "lazarus.fleet.size", String.valueOf(n),
                        "lazarus.inventory.file", fleet.inventory().toString(),
                        "lazarus.inventory.known-hosts", fleet.knownHosts().toString(),
                        "lazarus.resurrection.rounds", "0"));
                double lazarus = (System.nanoTime() - t1) / 1e9;
                String ansible = "skipped";
                String ratio = "—";
                if (ansibleMissing == null) {
                    double a = Ansible.run(Files.createDirectories(dir.resolve("ansible")), fleet.nodes());
                    ansible = String.format(Locale.ROOT, "%.1f", a);
                    ratio = String.format(Locale.ROOT, "**%.3f**", lazarus / a);
                }
                System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %s | **%.2f** | %s | %d |%n", n, floor, lazarus,
                        ansible, lazarus / floor, ratio, stats.failures() + floorFailures);
            }
        }
        if (ansibleMissing != null) {
            System.out.println("\n_Ansible skipped: " + ansibleMissing + "_");
        }
    }

    private static List<Integer> ints(String csv) {
        return csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    private static void gc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
    }

    static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return text;
    }

    /** Empties {@code dir}, keeping it (and its permissions). */
    private static void clean(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                delete(f);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

}
