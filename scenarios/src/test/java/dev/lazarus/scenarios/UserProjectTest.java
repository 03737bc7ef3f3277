package dev.lazarus.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a user copies stays true: the README's consumer pom and scenario are the example project's files, and the
 * versions they name are this build's.
 */
class UserProjectTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("examples/tomcat-fleet");

    private static String readme() throws Exception {
        return Files.readString(ROOT.resolve("README.md"));
    }

    private static String section(String readme) {
        int start = readme.indexOf("## Use Lazarus in your project");
        assertThat(start).as("the README's section").isNotNegative();
        return readme.substring(start, readme.indexOf("\n## ", start + 1));
    }

    @Test
    void theReadmeShowsTheExamplesPomAndScenarioVerbatim() throws Exception {
        String section = section(readme());
        assertThat(section)
                .contains("```xml\n" + Files.readString(EXAMPLE.resolve("pom.xml")) + "```")
                .contains("```java\n"
                        + Files.readString(EXAMPLE.resolve("src/test/java/com/example/fleet/TomcatFleetTest.java"))
                        + "```");
    }

    @Test
    void theBomTheExampleAndTheReadmeNameThisBuildsVersion() throws Exception {
        String version = System.getProperty("lazarus.project.version");
        assertThat(version).isNotBlank();
        assertThat(value(Files.readString(ROOT.resolve("bom/pom.xml")), "<version>([^<]+)</version>"))
                .isEqualTo(version);
        assertThat(value(Files.readString(EXAMPLE.resolve("pom.xml")), "<lazarus.version>([^<]+)</lazarus.version>"))
                .isEqualTo(version);
        assertThat(section(readme())).contains("version `" + version + "`");
    }

    @Test
    void theExampleNamesItsScenarioSoThatSurefiresDefaultsRunIt() throws Exception {
        String pom = Files.readString(EXAMPLE.resolve("pom.xml"));
        assertThat(pom.replaceAll("(?s)<!--.*?-->", ""))
                .as("no active <includes>: the scenario runs under Surefire's defaults")
                .doesNotContain("<includes>")
                .contains("<artifactId>maven-surefire-plugin</artifactId>");
        assertThat(pom).as("the other way, shown where a user looks").contains("<include>**/*Scenario.java</include>");
        assertThat(EXAMPLE.resolve("src/test/java/com/example/fleet/TomcatFleetTest.java"))
                .exists();
    }

    private static String value(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
