package dev.lazarus.reports.allure;

import dev.lazarus.spi.RegistryEntry;
import dev.lazarus.spi.RunContext;
import dev.lazarus.spi.RunResult;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a whole run's results into its folder: every attempt (keeping a result written during the run where the
 * journal still says the same of its attempt, rewriting it where the gatekeeper changed it), then the fleet results
 * and the run's metadata.
 */
final class ResultsWriter {

    private final RunContext run;
    private final RunResult result;
    private final ResultFiles out;
    private final ReportMetadata metadata;

    ResultsWriter(RunContext run, RunResult result, ResultFiles out, ReportMetadata metadata) {
        this.run = run;
        this.result = result;
        this.out = out;
        this.metadata = metadata;
    }

    /** @param written results already in the folder, by attempt id */
    void writeAll(Map<String, EarlyResults.Written> written) throws IOException {
        Map<String, RegistryEntry> byId = new HashMap<>();
        result.entries().forEach(e -> byId.put(e.attemptId(), e));
        List<String> ghostTags = FleetResults.ghostTags(result);
        GhostHistory ghosts = GhostHistory.of(result);
        AttemptResult attempts = new AttemptResult(run, out, ghosts);
        Set<String> current = new HashSet<>();
        for (RegistryEntry e : result.entries()) {
            current.add(e.attemptId());
            EarlyResults.Written early = written.get(e.attemptId());
            if (early != null
                    && early.linked()
                    && early.entry().equals(e)
                    && !(e.isFinal() && ghosts.recovered().containsKey(e.publicIp()))) {
                continue; // what the journal says of this attempt now is what its result shows
            }
            if (early != null) {
                out.delete(early.files());
            }
            attempts.write(e, result.timelineOf(e.attemptId()).orElseThrow(), byId::get, ghostTags);
        }
        for (Map.Entry<String, EarlyResults.Written> early : written.entrySet()) {
            if (!current.contains(early.getKey())) {
                out.delete(early.getValue().files()); // not in the journal's registry: not a result
            }
        }
        new FleetResults(run, result, out).writeAll();
        metadata.write(run, result, out);
    }
}
