package dev.lazarus.reports.allure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts a run's Allure results into the project's results directory, beside the results of the project's other
 * tests: result and attachment files by their unique names; the folder-wide files merged, so several scenarios and
 * the project's own setup share them ({@code categories.json}: the union by name, the project's first; {@code
 * environment.properties}: this run's values over the older ones; {@code executor.json}: the first one stays).
 */
final class ProjectResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectResults() {}

    /**
     * @param keep whether the run folder keeps its results too (copy), or hands them over (move)
     * @return the project's results directory
     */
    static Path publish(Path runResults, Path project, boolean keep) throws IOException {
        Files.createDirectories(project);
        try (Stream<Path> files = Files.list(runResults)) {
            for (Path file : files.toList()) {
                Path target = project.resolve(file.getFileName().toString());
                switch (file.getFileName().toString()) {
                    case "categories.json" -> mergeCategories(file, target);
                    case "environment.properties" -> mergeEnvironment(file, target);
                    case "executor.json" -> {
                        if (!Files.exists(target)) {
                            Files.copy(file, target);
                        }
                    }
                    default -> {
                        if (keep) {
                            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                        } else {
                            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
        if (!keep) {
            try (Stream<Path> left = Files.list(runResults)) {
                for (Path file : left.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(runResults);
        }
        return project;
    }

    private static void mergeCategories(Path ours, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.copy(ours, target);
            return;
        }
        ArrayNode merged = (ArrayNode) JSON.readTree(target.toFile());
        Set<String> names = new HashSet<>();
        merged.forEach(c -> names.add(c.path("name").asText()));
        for (JsonNode category : JSON.readTree(ours.toFile())) {
            if (names.add(category.path("name").asText())) {
                merged.add(category);
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), merged);
    }

    private static void mergeEnvironment(Path ours, Path target) throws IOException {
        Properties merged = new Properties();
        if (Files.exists(target)) {
            try (Reader in = Files.newBufferedReader(target, StandardCharsets.UTF_8)) {
                merged.load(in);
            }
        }
        try (Reader in = Files.newBufferedReader(ours, StandardCharsets.UTF_8)) {
            merged.load(in);
        }
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            merged.store(out, null);
        }
    }
}
