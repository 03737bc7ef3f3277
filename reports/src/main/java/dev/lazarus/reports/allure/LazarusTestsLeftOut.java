package dev.lazarus.reports.allure;

import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The results writer Allure's JUnit Platform listener writes through in a project that has it (allure-junit5): it
 * passes everything on except the listener's copies of Lazarus tests, which would be shallow duplicates (no steps,
 * {@code host} = this machine) of the results Lazarus writes itself, and the containers that hold only those.
 *
 * <p>Allure 2.34's listener has no opt-out for a foreign engine (it leaves out only Spock's and Cucumber's, by
 * name, when their own adapters are there), so this uses what Allure offers every integration: its results writer
 * interface and {@code Allure.setLifecycle}. The listener marks each result with the test's unique id (the label
 * {@code junit.platform.uniqueid}); Lazarus's start with {@code [engine:lazarus]}.
 */
final class LazarusTestsLeftOut implements AllureResultsWriter {

    static final String UNIQUE_ID_LABEL = "junit.platform.uniqueid";
    static final String LAZARUS_ENGINE = "[engine:lazarus]";

    private final AllureResultsWriter next;
    private final Set<String> leftOut = ConcurrentHashMap.newKeySet();

    LazarusTestsLeftOut(AllureResultsWriter next) {
        this.next = next;
    }

    @Override
    public void write(TestResult result) {
        boolean lazarus = result.getLabels().stream()
                .anyMatch(l -> UNIQUE_ID_LABEL.equals(l.getName())
                        && l.getValue() != null
                        && l.getValue().startsWith(LAZARUS_ENGINE));
        if (lazarus) {
            leftOut.add(result.getUuid());
            return;
        }
        next.write(result);
    }

    @Override
    public void write(TestResultContainer container) {
        if (!container.getChildren().isEmpty() && leftOut.containsAll(container.getChildren())) {
            return;
        }
        next.write(container);
    }

    @Override
    public void write(String source, InputStream attachment) {
        next.write(source, attachment);
    }
}
