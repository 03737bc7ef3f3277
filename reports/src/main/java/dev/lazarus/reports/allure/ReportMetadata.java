package dev.lazarus.reports.allure;

import dev.lazarus.spi.ArtifactFiles;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunResult;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The files of a results folder that are about the run rather than a test: {@code categories.json},
 * {@code environment.properties} (control plane, region, fleet size, shard, JDK, the watchdog with its inputs) and,
 * in a GitLab CI job, {@code executor.json}.
 */
final class ReportMetadata {

    private final Map<String, String> env;

    /** @param env the environment variables ({@code CI_*} fill executor.json) */
    ReportMetadata(Map<String, String> env) {
        this.env = env;
    }

    void write(RunContext run, RunResult result, ResultFiles out) throws IOException {
        out.writeFile(
                "categories.json",
                ArtifactFiles.json().writerWithDefaultPrettyPrinter().writeValueAsString(AllureCategories.all()));
        environment(run, result, out);
        executor(run, out);
    }

    private static void environment(RunContext run, RunResult result, ResultFiles out) throws IOException {
        Properties p = new Properties();
        p.setProperty("scenario", run.scenario());
        p.setProperty("run_id", run.runId());
        p.setProperty("control_plane", run.controlPlane());
        p.setProperty("fleet_size", String.valueOf(result.assessment().gold().size()));
        p.setProperty("shard", run.shard());
        run.parameters().get("lazarus.ec2.region").ifPresent(r -> p.setProperty("region", r));
        if (!result.jdk().isEmpty()) {
            p.setProperty("jdk", result.jdk());
        }
        result.watchdog().ifPresent(w -> {
            p.setProperty("watchdog_timeout_seconds", String.valueOf(w.timeout().toSeconds()));
            p.setProperty("watchdog", w.describe());
        });
        StringWriter text = new StringWriter();
        p.store(text, null);
        // Properties writes a date comment first; the report shows every line, so keep only the entries
        String body =
                text.toString().lines().filter(l -> !l.startsWith("#")).sorted().reduce("", (x, y) -> x + y + "\n");
        out.writeFile("environment.properties", body);
    }

    /**
     * {@code executor.json}: from GitLab CI's variables in a CI job; on a local run, the machine and the run id, so
     * the Overview says where and which run it was.
     */
    private void executor(RunContext run, ResultFiles out) throws IOException {
        Map<String, Object> e = new LinkedHashMap<>();
        if (env.get("CI_JOB_ID") == null) {
            e.put("name", "local run on " + hostName());
            e.put("type", "local");
            e.put("buildName", run.runId());
        } else {
            e.put("name", "GitLab CI");
            e.put("type", "gitlab");
            e.put("url", env.getOrDefault("CI_SERVER_URL", ""));
            e.put("buildOrder", env.getOrDefault("CI_PIPELINE_IID", env.getOrDefault("CI_PIPELINE_ID", "")));
            e.put("buildName", env.getOrDefault("CI_JOB_NAME", "job") + " #" + env.get("CI_JOB_ID"));
            e.put("buildUrl", env.getOrDefault("CI_JOB_URL", ""));
        }
        e.put("reportName", "Lazarus · " + run.scenario());
        out.writeFile(
                "executor.json",
                ArtifactFiles.json().writerWithDefaultPrettyPrinter().writeValueAsString(e));
    }

    private String hostName() {
        String name = env.getOrDefault("HOSTNAME", env.get("COMPUTERNAME"));
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "this machine"; // a name is a courtesy; a run must not fail for want of one
        }
    }
}
