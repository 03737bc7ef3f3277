package dev.lazarus.reports.allure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The categories a reviewer reads first ({@code categories.json}). Allure puts a result in every category
 * whose statuses and whole-message regex match, so the regexes keep them apart where that matters: an
 * injected crash is a synthetic crash, not an install failure; a ghost lost while the cloud API was
 * throttled is listed under both Ghosts and Control-plane throttling, which is what it is.
 */
final class AllureCategories {

    private AllureCategories() {}

    static List<Map<String, Object>> all() {
        return List.of(
                category(
                        "Control-plane throttling",
                        List.of("broken", "failed"),
                        "(?s).*(aws_outage_context|throttl).*"),
                category("Ghosts", List.of("broken"), "(?s)ghost: .*"),
                // the nodes the harness lost and a resurrection recovered: their verdict, whatever it is, says so
                category(
                        "Recovered ghosts",
                        List.of("passed", "failed", "broken", "skipped"),
                        "(?s).*recovered ghost: .*"),
                category("Synthetic crashes (injected)", List.of("broken", "failed"), "(?s).*synthetic_crash.*"),
                category("Watchdog timeouts", List.of("broken"), "(?s)watchdog_timeout .*"),
                category("SSH failures", List.of("failed"), "(?s)ssh_(retry|initiated)_failed .*"),
                category("Silent failures (stub)", List.of("failed", "broken"), "(?s)stub .*"),
                category("Check failures", List.of("failed", "broken"), "(?s)check_failed .*"),
                category("Install failures", List.of("failed", "broken"), "(?s)install_failed (?!.*synthetic_crash).*"),
                category(
                        "Fleet verdicts",
                        List.of("failed"),
                        "(?s)(\\d+ ghost\\(s\\)|\\d+ untraceable|accounting invariant broken|\\d+ missed).*"));
    }

    private static Map<String, Object> category(String name, List<String> statuses, String messageRegex) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("matchedStatuses", statuses);
        c.put("messageRegex", messageRegex);
        return c;
    }
}
