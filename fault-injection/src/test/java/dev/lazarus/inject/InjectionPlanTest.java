package dev.lazarus.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import dev.lazarus.spi.ScenarioInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InjectionPlanTest {

    @Inject(fault = "FORCE_TOMCAT_FAIL_IDX1", count = 3)
    @Inject(fault = "GHOST", fraction = 0.01)
    @Inject(fault = "STALL", ips = "127.0.1.7")
    static class Annotated {}

    static class Plain {}

    static final List<String> GOLD =
            IntStream.rangeClosed(1, 200).mapToObj(i -> "127.0.1." + i).toList();

    static Parameters params(Map<String, String> values) {
        return Parameters.of(values);
    }

    private static InjectionPlan plan(Class<?> scenario, Map<String, String> values) {
        return InjectionPlan.of(new ScenarioInfo(
                scenario, scenario.getSimpleName(), "embedded", GOLD.size(), params(values), Optional.of(GOLD)));
    }

    @Test
    void annotationsPickCountsFractionsAndIpsWithoutOverlap() {
        InjectionPlan plan = plan(Annotated.class, Map.of());
        Map<Integer, Fault> byPosition = plan.byPosition();
        assertThat(byPosition.values().stream().filter(f -> f == Fault.FORCE_TOMCAT_FAIL_IDX1))
                .hasSize(3);
        assertThat(byPosition.values().stream().filter(f -> f == Fault.GHOST)).hasSize(2);
        assertThat(byPosition.get(7)).isEqualTo(Fault.STALL);
        assertThat(new HashSet<>(byPosition.keySet())).hasSize(6);
    }

    @Test
    void theSameSeedPicksTheSameNodesAndAnotherSeedOthers() {
        Map<String, String> seed1 = Map.of("lazarus.inject.seed", "1", "lazarus.inject.GHOST", "10");
        assertThat(plan(Plain.class, seed1).byPosition())
                .isEqualTo(plan(Plain.class, seed1).byPosition());
        assertThat(plan(Plain.class, Map.of("lazarus.inject.seed", "2", "lazarus.inject.GHOST", "10"))
                        .byPosition())
                .isNotEqualTo(plan(Plain.class, seed1).byPosition());
    }

    @Test
    void parametersOverrideAnnotationsAndSwitchFaultsOnWithoutCode() {
        InjectionPlan plan = plan(
                Annotated.class,
                Map.of(
                        "lazarus.inject.force_tomcat_fail_idx1",
                        "5%",
                        "lazarus.inject.FORCE_TOMCAT_FAIL_PRE_SSH",
                        "127.0.1.9,127.0.1.10"));
        assertThat(plan.byPosition().values().stream().filter(f -> f == Fault.FORCE_TOMCAT_FAIL_IDX1))
                .hasSize(10);
        assertThat(plan.byPosition())
                .containsEntry(9, Fault.FORCE_TOMCAT_FAIL_PRE_SSH)
                .containsEntry(10, Fault.FORCE_TOMCAT_FAIL_PRE_SSH);
        assertThat(plan(Plain.class, Map.of()).isEmpty()).isTrue();
    }

    @Test
    void badInputNamesTheParameterAndTheAllowedValues() {
        assertThatThrownBy(() -> plan(Plain.class, Map.of("lazarus.inject.FORCE_TOMCAT_FAIL_IDX9", "1")))
                .isInstanceOf(LazarusConfigurationException.class)
                .hasMessageContaining("lazarus.inject.FORCE_TOMCAT_FAIL_IDX9")
                .hasMessageContaining("allowed: FORCE_TOMCAT_FAIL_PRE_SSH");
        assertThatThrownBy(() -> plan(Plain.class, Map.of("lazarus.inject.GHOST", "1.5")))
                .hasMessageContaining("lazarus.inject.GHOST")
                .hasMessageContaining("outside 0..1");
        assertThatThrownBy(() -> plan(Plain.class, Map.of("lazarus.inject.GHOST", "150%")))
                .hasMessageContaining("outside 0..1");
        assertThatThrownBy(() -> plan(Plain.class, Map.of("lazarus.inject.GHOST", "127.0.9.9")))
                .hasMessageContaining("127.0.9.9 is not in the gold list");
        assertThatThrownBy(() -> plan(Plain.class, Map.of("lazarus.inject.GHOST", "lots")))
                .hasMessageContaining("lazarus.inject.GHOST='lots' is not a selection");
        assertThatThrownBy(() -> plan(Plain.class, Map.of("lazarus.inject.GHOST", "150", "lazarus.inject.STALL", "60")))
                .hasMessageContaining("not enough nodes");
    }
}
