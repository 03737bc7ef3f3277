package dev.lazarus.reports.allure;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.util.PropertiesUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * In a project with Allure's JUnit Platform listener (allure-junit5), keeps that listener from writing a copy of
 * every Lazarus test beside the results Lazarus writes itself: one results directory, every node once. Found by the
 * launcher through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 *
 * <p>The launcher creates its session listeners before its execution listeners, and Allure's listener takes Allure's
 * lifecycle when it is created, so the lifecycle is set here, in the constructor: Allure's own, with its default
 * writer (same directory and cleaning settings) behind {@link LazarusTestsLeftOut}. Without Allure's listener on the
 * class path this does nothing.
 */
public final class OneAllureResultsDirectory implements LauncherSessionListener {

    private static boolean installed;

    public OneAllureResultsDirectory() {
        install(Thread.currentThread().getContextClassLoader());
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install(Thread.currentThread().getContextClassLoader());
    }

    private static synchronized void install(ClassLoader loader) {
        if (installed || loader == null || !ProjectAllure.listenerPresent(loader)) {
            return;
        }
        Allure.setLifecycle(new AllureLifecycle(new LazarusTestsLeftOut(defaultWriter())));
        installed = true;
    }

    /** The writer Allure's lifecycle would make by default (its {@code getDefaultWriter}, which is private). */
    private static FileSystemResultsWriter defaultWriter() {
        return defaultWriter(PropertiesUtils.loadAllureProperties());
    }

    /**
     * The default writer for {@code properties}, but for one thing: with {@code allure.results.clean.before.run} (once,
     * the default) Allure's writer would empty the folder at its first write, which may come after Lazarus wrote its
     * results there; so the folder is emptied now, when the session opens, and the writer does not clean again.
     */
    static FileSystemResultsWriter defaultWriter(Properties properties) {
        Path dir = Path.of(properties.getProperty(ProjectAllure.RESULTS_DIRECTORY, "allure-results"));
        boolean clean = Boolean.parseBoolean(properties.getProperty("allure.results.clean.before.run", "false"));
        boolean once = Boolean.parseBoolean(properties.getProperty("allure.results.clean.only.once", "true"));
        if (clean && once) {
            empty(dir);
            return new FileSystemResultsWriter(dir, false, true);
        }
        return new FileSystemResultsWriter(dir, clean, once);
    }

    private static void empty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not empty the Allure results directory " + dir + " (allure.results.clean.before.run=true)",
                    e);
        }
    }
}
