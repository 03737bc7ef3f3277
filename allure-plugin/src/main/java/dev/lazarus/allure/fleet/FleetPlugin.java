package dev.lazarus.allure.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.qameta.allure.Aggregator2;
import io.qameta.allure.Constants;
import io.qameta.allure.ReportStorage;
import io.qameta.allure.core.Configuration;
import io.qameta.allure.core.LaunchResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Fleet widget's data ({@code widgets/lazarus-fleet.json}: each run's numbers) and the Fleet tab's
 * ({@code data/lazarus-fleet.json}: each run's nodes and ghosts), from the fleet files {@link FleetReader} read. Runs
 * after Allure's own aggregators, so a node's link goes to the result Allure shows (retries are hidden by then).
 */
public final class FleetPlugin implements Aggregator2 {

    public static final String FILE = "lazarus-fleet.json";

    @Override
    public void aggregate(Configuration configuration, List<LaunchResults> launches, ReportStorage storage) {
        List<Fleet.Tab> fleets = fleets(launches);
        storage.addDataJson(
                Constants.WIDGETS_DIR + "/" + FILE,
                Map.of("items", fleets.stream().map(Fleet.Tab::summary).toList()));
        storage.addDataJson(Constants.DATA_DIR + "/" + FILE, Map.of("fleets", fleets));
    }

    static List<Fleet.Tab> fleets(List<LaunchResults> launches) {
        List<Fleet.Tab> fleets = new ArrayList<>();
        for (LaunchResults launch : launches) {
            List<JsonNode> files = launch.getExtra(FleetReader.EXTRA, List::of);
            for (JsonNode file : files) {
                fleets.add(Fleet.of(file, launch.getAllResults()));
            }
        }
        return fleets;
    }
}
