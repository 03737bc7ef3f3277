package dev.lazarus.reports.allure;

import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The small pieces every Allure result of a run is made with: its identity, labels, parameters and times. */
final class Labels {

    private Labels() {}

    /** historyId and testCaseId: stable per scenario and node, so trends and retries line up across runs. */
    static String identity(String scenario, String node) {
        return UUID.nameUUIDFromBytes(("lazarus|" + scenario + "|" + node).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static Label label(String name, String value) {
        return new Label().setName(name).setValue(value == null ? "" : value);
    }

    /** Behaviors: epic = the scenario, feature = the final status, story = what it failed on. */
    static List<Label> behaviour(String scenario, String status, String story) {
        return List.of(label("epic", scenario), label("feature", status), label("story", story));
    }

    static Parameter param(String name, String value) {
        return new Parameter().setName(name).setValue(value == null ? "" : value);
    }

    static long millis(String ts) {
        return Instant.parse(ts).toEpochMilli();
    }
}
