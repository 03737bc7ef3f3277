package dev.lazarus.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazarus.spi.Extension;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.NodeLifecycle;
import dev.lazarus.spi.Parameters;
import dev.lazarus.spi.RunObserver;
import dev.lazarus.spi.ScenarioInfo;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which extensions run for a scenario: on by default, switched on by name, annotation or parameter, or off. */
class ExtensionsTest {

    @Retention(RetentionPolicy.RUNTIME)
    @interface Breaks {}

    static final class Report implements RunObserver {
        @Override
        public String id() {
            return "report";
        }

        @Override
        public boolean enabledByDefault() {
            return true;
        }
    }

    static final class Injector implements NodeLifecycle {
        @Override
        public String id() {
            return "injector";
        }

        @Override
        public Set<Class<? extends Annotation>> enablingAnnotations() {
            return Set.of(Breaks.class);
        }

        @Override
        public boolean enabledByParameter(String parameter) {
            return parameter.startsWith("lazarus.injector.");
        }

        @Override
        public RunPart forRun(ScenarioInfo scenario) {
            throw new AssertionError("not called by enabling");
        }
    }

    @Breaks
    static class Broken {}

    static class Plain {}

    private static final Extensions ON_CLASS_PATH = Extensions.of(List.of(new Report(), new Injector()));

    private static List<String> enabled(Class<?> scenario, Map<String, String> parameters) {
        return ON_CLASS_PATH.enabledFor(scenario, Parameters.of(parameters)).ids();
    }

    @Test
    void reportsRunByDefaultAndAnInjectorOnlyWhenSwitchedOn() {
        assertThat(enabled(Plain.class, Map.of())).containsExactly("report");
    }

    @Test
    void anAnnotationSwitchesAnExtensionOnForItsScenarioOnly() {
        assertThat(enabled(Broken.class, Map.of())).containsExactly("report", "injector");
        assertThat(enabled(Plain.class, Map.of())).doesNotContain("injector");
    }

    @Test
    void aParameterGivenAValueSwitchesItOnAndABlankOneDoesNot() {
        assertThat(enabled(Plain.class, Map.of("lazarus.injector.crash", "2"))).contains("injector");
        assertThat(enabled(Plain.class, Map.of("lazarus.injector.crash", " "))).doesNotContain("injector");
        assertThat(enabled(Plain.class, Map.of("lazarus.other", "2"))).doesNotContain("injector");
    }

    @Test
    void lazarusExtensionsNamesByIdOrClassNameAndTurnsOffWithAMinus() {
        assertThat(enabled(Plain.class, Map.of("lazarus.extensions", "injector")))
                .contains("injector");
        assertThat(enabled(Plain.class, Map.of("lazarus.extensions", Injector.class.getName())))
                .contains("injector");
        assertThat(enabled(Plain.class, Map.of("lazarus.extensions", "-report")))
                .isEmpty();
        assertThat(enabled(Broken.class, Map.of("lazarus.extensions", " -injector , report")))
                .as("off wins over the annotation")
                .containsExactly("report");
    }

    @Test
    void anUnknownNameFailsNamingTheParameterAndWhatIsThere() {
        assertThatThrownBy(() -> enabled(Plain.class, Map.of("lazarus.extensions", "fault-injection")))
                .isInstanceOf(LazarusConfigurationException.class)
                .hasMessageContaining("lazarus.extensions: 'fault-injection'")
                .hasMessageContaining("there: injector, report");
    }

    @Test
    void aRebuiltReportRunsTheDefaultsAndWhatTheRunHadEnabled() {
        Parameters none = Parameters.of(Map.of());
        assertThat(ON_CLASS_PATH.enabledByIds(List.of(), none).ids()).containsExactly("report");
        assertThat(ON_CLASS_PATH.enabledByIds(List.of("injector", "gone"), none).ids())
                .containsExactly("report", "injector");
    }

    @Test
    void observersAndLifecyclesAreToldApart() {
        EnabledExtensions all = ON_CLASS_PATH.enabledFor(Broken.class, Parameters.of(Map.of()));
        assertThat(all.observers()).extracting(Extension::id).containsExactly("report");
        assertThat(all.lifecycles()).extracting(Extension::id).containsExactly("injector");
    }
}
