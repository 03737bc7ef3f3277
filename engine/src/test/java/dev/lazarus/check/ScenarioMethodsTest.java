package dev.lazarus.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazarus.api.BeforeInstall;
import dev.lazarus.api.Host;
import dev.lazarus.api.NodeCheck;
import dev.lazarus.api.NodeInfo;
import dev.lazarus.api.RunInfo;
import dev.lazarus.spi.LazarusConfigurationException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which methods a scenario runs, in which order, and what discovery refuses. */
class ScenarioMethodsTest {

    static class Base {
        @NodeCheck
        void zInherited(Host host) {}

        @BeforeInstall
        void prepare(Host host) {}
    }

    static class Checks extends Base {
        @NodeCheck
        void serves(Host host) {}

        @NodeCheck
        static void aStatic(NodeInfo node, RunInfo run) {}

        @NodeCheck
        protected void listens(Host host, NodeInfo node) {}

        void notACheck(Host host) {}
    }

    @Test
    void superclassFirstThenDeclarationOrderNotTheAlphabet() {
        ScenarioMethods methods = ScenarioMethods.of(Checks.class);
        assertThat(methods.checkNames()).containsExactly("zInherited", "serves", "aStatic", "listens");
        assertThat(methods.beforeInstall()).extracting(ScenarioMethod::name).containsExactly("prepare");
        assertThat(methods.checks().get(3).parameterTypes()).isEqualTo("dev.lazarus.api.Host,dev.lazarus.api.NodeInfo");
    }

    @Test
    void aSelectionKeepsItsChecksInOrderAndNamesOnesThatDoNotExist() {
        ScenarioMethods methods = ScenarioMethods.of(Checks.class);
        assertThat(methods.onlyChecks(Set.of("listens", "serves")).checkNames()).containsExactly("serves", "listens");
        assertThat(methods.onlyChecks(Set.of()).checkNames()).hasSize(4);
        assertThatThrownBy(() -> methods.onlyChecks(Set.of("nope")))
                .isInstanceOf(LazarusConfigurationException.class)
                .hasMessage(
                        "no @NodeCheck named [nope]; the scenario's checks: [zInherited, serves, aStatic, listens]");
    }

    static class PrivateCheck {
        @NodeCheck
        private void hidden(Host host) {}
    }

    static class UnknownParameter {
        @NodeCheck
        void wants(Host host, String text) {}
    }

    static class Overloaded {
        @NodeCheck
        void twice(Host host) {}

        @NodeCheck
        void twice(NodeInfo node) {}
    }

    static class NoDefaultConstructor {
        NoDefaultConstructor(int size) {}

        @NodeCheck
        void needsAnInstance(Host host) {}
    }

    static class StaticOnly {
        StaticOnly(int size) {}

        @NodeCheck
        static void fine(Host host) {}
    }

    @Test
    void discoveryRefusesWhatItCannotCallAndSaysWhy() {
        assertThatThrownBy(() -> ScenarioMethods.of(PrivateCheck.class))
                .isInstanceOf(LazarusConfigurationException.class)
                .hasMessage(PrivateCheck.class.getName()
                        + ".hidden: it is private; a scenario method may have any other visibility");
        assertThatThrownBy(() -> ScenarioMethods.of(UnknownParameter.class))
                .hasMessage(UnknownParameter.class.getName()
                        + ".wants: Lazarus cannot give it a String; allowed parameters: Host, NodeInfo, RunInfo");
        assertThatThrownBy(() -> ScenarioMethods.of(Overloaded.class))
                .hasMessageEndingWith(".twice: another @NodeCheck has the same name; a check is known by its name");
        assertThatThrownBy(() -> ScenarioMethods.of(NoDefaultConstructor.class))
                .hasMessageContaining("no constructor without parameters");
        assertThat(ScenarioMethods.of(StaticOnly.class).checkNames()).containsExactly("fine");
        assertThat(ScenarioMethods.of(Object.class).isEmpty()).isTrue();
    }
}
