package dev.lazarus.scenarios;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lazarus.api.Scenario;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** A harness JVM for tests that kill or signal it: runs {@link Target} through the JUnit Platform launcher. */
public final class ChildRun {

    /** 200 nodes whose installs take several seconds, so a kill lands while many are in flight. */
    @Scenario(
            fleetSize = 200,
            commands = {
                "apt-get update",
                "apt-get install -y tomcat10",
                "systemctl enable --now tomcat10",
                "curl -sf http://localhost:8080/"
            })
    public static class Target {}

    private ChildRun() {}

    /** {@code ChildRun <output dir> [key=value ...]} */
    public static void main(String[] args) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Target.class))
                .configurationParameter("lazarus.output.dir", args[0])
                .configurationParameter("lazarus.progress.interval", "0");
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            request.configurationParameter(kv[0], kv[1]);
        }
        LauncherDiscoveryRequest built = request.build();
        LauncherFactory.create().execute(built);
        System.exit(0);
    }
}
