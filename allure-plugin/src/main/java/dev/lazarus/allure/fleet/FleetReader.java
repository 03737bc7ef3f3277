package dev.lazarus.allure.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.Reader;
import io.qameta.allure.core.Configuration;
import io.qameta.allure.core.ResultsVisitor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fleet files a Lazarus run writes into its Allure results folder ({@code lazarus-fleet-<run id>.json}, one
 * per run whose results are in the folder) and hands them to {@link FleetPlugin} as the launch's extra block
 * {@value #EXTRA}.
 */
public final class FleetReader implements Reader {

    /** The extra block of a launch holding its fleet files, as a {@code List<JsonNode>}. */
    public static final String EXTRA = "lazarus-fleet";

    /** The fleet files' names: {@code lazarus-fleet-<run id>.json} (and {@code lazarus-fleet.json}). */
    public static final String GLOB = "lazarus-fleet*.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void readResults(Configuration configuration, ResultsVisitor visitor, Path directory) {
        List<JsonNode> fleets = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, GLOB)) {
            for (Path file : files) {
                try {
                    JsonNode fleet = JSON.readTree(file.toFile());
                    if (fleet != null && fleet.has("summary")) {
                        fleets.add(fleet);
                    } else {
                        visitor.error("not a Lazarus fleet file: " + file);
                    }
                } catch (IOException e) {
                    visitor.error("could not read the Lazarus fleet file " + file, e);
                }
            }
        } catch (IOException e) {
            visitor.error("could not list " + directory, e);
            return;
        }
        if (!fleets.isEmpty()) {
            fleets.sort((a, b) -> a.path("summary")
                    .path("run_id")
                    .asText()
                    .compareTo(b.path("summary").path("run_id").asText()));
            visitor.visitExtra(EXTRA, fleets);
        }
    }
}
