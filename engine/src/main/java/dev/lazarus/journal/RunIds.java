package dev.lazarus.journal;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids: sortable by time, readable, and unique even for two runs started in the same millisecond. */
public final class RunIds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private RunIds() {}

    public static String next(String scenarioName) {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        String name = scenarioName.replaceAll("[^A-Za-z0-9_.-]", "_");
        return FORMAT.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + name + "-"
                + HexFormat.of().formatHex(random);
    }
}
