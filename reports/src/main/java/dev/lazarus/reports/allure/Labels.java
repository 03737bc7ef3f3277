package dev.lazarus.reports.allure;

import dev.lazarus.reports.IpOrder;
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

    /**
     * A node's IP as Allure sorts it: Allure 2 orders the Timeline's host rows and the trees' results by their text
     * (its comparator.js, by name), which puts 127.0.1.10 before 127.0.1.2. A prefix of 32 tabs and spaces, the
     * address's bits (tab 0, space 1; both sort before any digit), makes text order the numeric order, and a
     * browser does not show leading whitespace, so the page still shows the plain IP. Whoever reads the label or the
     * name from the results strips it. Not an IPv4 address: no prefix.
     */
    static String sortable(String ip) {
        long value = IpOrder.ipv4(ip);
        if (value == Long.MAX_VALUE) {
            return ip;
        }
        StringBuilder key = new StringBuilder(32 + ip.length());
        for (int bit = 31; bit >= 0; bit--) {
            key.append(((value >> bit) & 1) == 0 ? '\t' : ' ');
        }
        return key.append(ip).toString();
    }

    /** A node result's name, sorted by its IP as {@link #sortable} says. */
    static String nodeName(String ip, String rest) {
        String sortable = sortable(ip);
        return sortable.substring(0, sortable.length() - ip.length()) + "node " + ip + ": " + rest;
    }

    static Parameter param(String name, String value) {
        return new Parameter().setName(name).setValue(value == null ? "" : value);
    }

    static long millis(String ts) {
        return Instant.parse(ts).toEpochMilli();
    }
}
