package dev.lazarus.bench;

import dev.lazarus.fleet.EmbeddedFleet;
import dev.lazarus.fleet.openssh.RealSshd;
import dev.lazarus.run.Workers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The scale benchmark. For each fleet size: the embedded floor (bare sshj against the simulated fleet) and
 * Lazarus on the same fleet, measured in the same JVM one after the other; then the real-OpenSSH peers
 * (Lazarus, Ansible, bare sshj) and the memory check over rounds. Prints Markdown tables.
 *
 * <pre>benchmarks/run [--sizes 100,512,1000,2000,4000] [--peers 50,100,200] [--rounds 5]</pre>
 *
 * <p>It is long because it is the benchmark's whole protocol (warm-up, interleaved repeats, medians, tables) in the
 * order it runs.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // sshj and MINA talk at info
        List<Integer> sizes = List.of(100, 512, 1000, 2000);
        List<Integer> peers = List.of(50, 100, 200);
        int rounds = 5;
        int repeat = 3;
        List<Integer> checks = List.of(512);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = ints(args[++i]);
                case "--peers" -> peers = ints(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--checks" -> checks = ints(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: Bench [--sizes 100,512] [--checks 512] [--peers 50,100,200] [--rounds 5]"
                            + " [--repeat 3]");
            }
        }
        // readable by the sshd login user, which reads its authorized_keys below this folder
        Path out = Files.createTempDirectory(
                "lazarus-bench", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            String jdk = "JDK " + Runtime.version().feature() + " ("
                    + (Workers.virtualThreadsAvailable() ? "virtual" : "platform") + " threads), "
                    + Runtime.getRuntime().availableProcessors() + " cores, heap max "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB";
            System.out.println("\n### Embedded fleet, Tomcat scenario — " + jdk + "\n");
            if (repeat < 1) {
                throw new IllegalArgumentException("--repeat must be at least 1, was " + repeat);
            }
            if (!sizes.isEmpty()) {
                embedded(out, sizes, repeat);
            }
            if (!checks.isEmpty()) {
                System.out.println("\n### Main job: install + node checks vs install + curl — " + jdk + "\n");
                checks(out, checks, repeat);
            }
            if (rounds > 0) {
                System.out.println("\n### Memory over " + rounds + " rounds of 512 nodes — " + jdk + "\n");
                rounds(out, rounds);
            }
            if (!peers.isEmpty()) {
                System.out.println("\n### Real OpenSSH fleet, 5 × `sleep 0.2; echo stepK` — " + jdk + "\n");
                openSsh(out, peers, repeat);
            }
        } finally {
            if (System.getenv("BENCH_KEEP") == null) {
                delete(out);
            } else {
                System.err.println("[bench] kept " + out);
            }
        }
    }

    /** One measured floor run: wall, and the client's CPU (the fleet's own threads left out). */
    private record FloorRun(double wall, double cpu, int failures, long heap) {}

    /** One measured Lazarus run: its sampler, peak RSS and what its journal says. */
    private record LazarusSample(Sampler sampler, long rss, LazarusRun.Stats stats) {
        double wall() {
            return sampler.wallSeconds();
        }
    }

    private static FloorRun floor(int n) throws Exception {
        try (EmbeddedFleet fleet = EmbeddedFleet.start(n, 1, 0, Map.of())) {
            Floor.Login login = Floor.Login.of(fleet.harnessKey());
            List<Floor.Target> targets = fleet.nodes().stream()
                    .map(node -> new Floor.Target(node.ip(), fleet.port(), EmbeddedFleet.USER, login))
                    .toList();
            gc();
            try (Sampler s = new Sampler()) {
                int failures = Floor.run(targets, BenchTomcat.COMMANDS);
                s.close();
                return new FloorRun(s.wallSeconds(), s.cpuSeconds() - s.fleetCpuSeconds(), failures, s.peakHeapBytes());
            }
        }
    }

    private static LazarusSample lazarus(Path out, int n) throws Exception {
        gc();
        Sampler s = new Sampler();
        Path journal;
        try {
            journal = LazarusRun.run(
                    BenchTomcat.class,
                    out,
                    Map.of("lazarus.fleet.size", String.valueOf(n), "lazarus.resurrection.rounds", "0"));
        } finally {
            s.close();
        }
        long rss = Sampler.peakRssBytes();
        LazarusSample sample = new LazarusSample(s, rss, LazarusRun.stats(journal));
        clean(out);
        return sample;
    }

    /**
     * Per size: {@code repeat} floor and Lazarus runs, alternating, after one unreported warm-up pair (JIT);
     * the table shows the median of each, and the other columns come from the Lazarus run with the median wall.
     */
    private static void embedded(Path out, List<Integer> sizes, int repeat) throws Exception {
        floor(Math.min(512, sizes.stream().mapToInt(Integer::intValue).max().orElse(512)));
        lazarus(out, 512);
        System.out.println(
                "| N | floor s | Lazarus s | Lazarus ÷ floor | ideal s | wall ÷ ideal | floor CPU s | harness CPU s "
                        + "| fleet CPU s | peak heap MiB | heap KiB/node | floor heap KiB/node | live heap MiB | live KiB/node | peak RSS MiB | threads | failures "
                        + "| control plane s | connect+auth s | commands s | reports s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            List<FloorRun> floors = new ArrayList<>();
            List<LazarusSample> runs = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                floors.add(floor(n));
                runs.add(lazarus(out, n));
            }
            FloorRun f = median(floors, FloorRun::wall);
            LazarusSample l = median(runs, LazarusSample::wall);
            int failures = floors.stream().mapToInt(FloorRun::failures).sum()
                    + runs.stream().mapToInt(x -> x.stats().failures()).sum();
            Sampler s = l.sampler();
            LazarusRun.Stats stats = l.stats();
            double reports = s.wallSeconds() - stats.runSeconds();
            long live = s.peakHeapAfterGcBytes();
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %.1f | %.1f | **%.2f** | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %s | %s "
                            + "| %d | %d | %d | %.2f | %.1f | %.1f | %.1f |%n",
                    n,
                    f.wall(),
                    l.wall(),
                    l.wall() / f.wall(),
                    stats.idealSeconds(),
                    l.wall() / stats.idealSeconds(),
                    f.cpu(),
                    s.cpuSeconds() - s.fleetCpuSeconds(),
                    s.fleetCpuSeconds(),
                    s.peakHeapBytes() >> 20,
                    (s.peakHeapBytes() >> 10) / n,
                    (f.heap() >> 10) / n,
                    live < 0 ? "no GC" : String.valueOf(live >> 20),
                    live < 0 ? "–" : String.valueOf((live >> 10) / n),
                    l.rss() >> 20,
                    s.peakThreads(),
                    failures,
                    stats.controlPlaneSeconds(),
                    stats.connectSeconds(),
                    stats.commandsSeconds(),
                    reports);
        }
    }

    /**
     * The main job with its node checks against the main job before them (a fourth command, {@code curl}), on the
     * same fleet size, alternating, medians of {@code repeat} after a warm-up pair: what the checks cost.
     */
    private static void checks(Path out, List<Integer> sizes, int repeat) throws Exception {
        Map<String, String> warmUp = Map.of("lazarus.fleet.size", "512", "lazarus.resurrection.rounds", "0");
        LazarusRun.run(BenchTomcat.class, out, warmUp);
        LazarusRun.run(BenchTomcatChecked.class, out, warmUp);
        clean(out);
        System.out.println(
                "| N | install + curl s | install + 2 checks s | checks ÷ curl | checks passed | failures |");
        System.out.println("|---|---|---|---|---|---|");
        for (int n : sizes) {
            Map<String, String> parameters =
                    Map.of("lazarus.fleet.size", String.valueOf(n), "lazarus.resurrection.rounds", "0");
            List<Double> before = new ArrayList<>();
            List<Double> after = new ArrayList<>();
            int failures = 0;
            long passed = 0;
            for (int r = 0; r < repeat; r++) {
                gc();
                long t0 = System.nanoTime();
                Path journal = LazarusRun.run(BenchTomcat.class, out, parameters);
                before.add((System.nanoTime() - t0) / 1e9);
                failures += LazarusRun.stats(journal).failures();
                clean(out);
                gc();
                long t1 = System.nanoTime();
                journal = LazarusRun.run(BenchTomcatChecked.class, out, parameters);
                after.add((System.nanoTime() - t1) / 1e9);
                LazarusRun.Stats stats = LazarusRun.stats(journal);
                failures += stats.failures();
                passed = stats.checksPassed();
                clean(out);
            }
            double b = median(before, Double::doubleValue);
            double a = median(after, Double::doubleValue);
            System.out.printf(
                    Locale.ROOT, "| %d | %.1f | %.1f | **%.2f** | %d | %d |%n", n, b, a, a / b, passed, failures);
        }
    }

    /** The element with the median {@code key} (the lower middle one of an even count). */
    static <T> T median(List<T> runs, ToDoubleFunction<T> key) {
        List<T> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(key));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static void rounds(Path out, int rounds) throws Exception {
        System.out.println("| round | wall s | failures | heap after GC MiB |");
        System.out.println("|---|---|---|---|");
        for (int r = 1; r <= rounds; r++) {
            long start = System.nanoTime();
            Path journal = LazarusRun.run(
                    BenchTomcat.class, out, Map.of("lazarus.fleet.size", "512", "lazarus.resurrection.rounds", "0"));
            double wall = (System.nanoTime() - start) / 1e9;
            LazarusRun.Stats stats = LazarusRun.stats(journal);
            clean(out);
            gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %.1f | %d | %d |%n",
                    r,
                    wall,
                    stats.failures(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    /** Per size: {@code repeat} floor and Lazarus runs, alternating (medians shown), then Ansible once. */
    private static void openSsh(Path out, List<Integer> sizes, int repeat) throws Exception {
        String why = RealSshd.unavailableBecause();
        if (why != null) {
            System.out.println("_skipped: " + why + "_");
            return;
        }
        String ansibleMissing = Ansible.unavailableBecause();
        System.out.println("| N | floor s | Lazarus s | Ansible s | Lazarus ÷ floor | Lazarus ÷ Ansible | failures |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            List<String> addresses = IntStream.range(0, n)
                    .mapToObj(i -> "127.0." + (20 + i / 250) + "." + (1 + i % 250))
                    .toList();
            Path dir = Files.createTempDirectory(
                    out, "sshd", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            try (OpenSshFleet fleet = OpenSshFleet.start(dir, addresses)) {
                List<Double> floors = new ArrayList<>();
                List<Double> runs = new ArrayList<>();
                int failures = 0;
                for (int r = 0; r < repeat; r++) {
                    long t0 = System.nanoTime();
                    failures += Floor.run(fleet.targets(), BenchOpenSsh.COMMANDS);
                    floors.add((System.nanoTime() - t0) / 1e9);
                    long t1 = System.nanoTime();
                    Path journal = LazarusRun.run(
                            BenchOpenSsh.class,
                            out,
                            Map.of(
                                    "lazarus.fleet.size", String.valueOf(n),
                                    "lazarus.inventory.file", fleet.inventory().toString(),
                                    "lazarus.inventory.known-hosts",
                                            fleet.knownHosts().toString(),
                                    "lazarus.resurrection.rounds", "0"));
                    runs.add((System.nanoTime() - t1) / 1e9);
                    failures += LazarusRun.stats(journal).failures();
                    clean(out, dir);
                }
                double floor = median(floors, Double::doubleValue);
                double lazarus = median(runs, Double::doubleValue);
                String ansible = "skipped";
                String ratio = "—";
                if (ansibleMissing == null) {
                    double a = Ansible.run(Files.createDirectories(dir.resolve("ansible")), fleet.nodes());
                    ansible = String.format(Locale.ROOT, "%.1f", a);
                    ratio = String.format(Locale.ROOT, "**%.3f**", lazarus / a);
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %d | %.1f | %.1f | %s | **%.2f** | %s | %d |%n",
                        n,
                        floor,
                        lazarus,
                        ansible,
                        lazarus / floor,
                        ratio,
                        failures);
            }
        }
        if (ansibleMissing != null) {
            System.out.println("\n_Ansible skipped: " + ansibleMissing + "_");
        }
    }

    private static List<Integer> ints(String csv) {
        return csv.isBlank()
                ? List.of()
                : Arrays.stream(csv.split(","))
                        .map(String::strip)
                        .map(Integer::parseInt)
                        .toList();
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
        clean(dir, null);
    }

    /** Empties {@code dir} but for {@code keep} (a fleet's folder still in use). */
    private static void clean(Path dir, Path keep) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!f.equals(keep)) {
                    delete(f);
                }
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
