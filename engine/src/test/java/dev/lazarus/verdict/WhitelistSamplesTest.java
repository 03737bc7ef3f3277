package dev.lazarus.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every whitelist pattern against real lines: none is dead, and every sample line is noise to its family. */
class WhitelistSamplesTest {

    static Map<Whitelist.Family, List<String>> samples() throws IOException {
        Map<Whitelist.Family, List<String>> byFamily = new LinkedHashMap<>();
        try (InputStream in = WhitelistSamplesTest.class.getResourceAsStream("/whitelist-samples.txt")) {
            Whitelist.Family family = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("[")) {
                    family = Whitelist.Family.valueOf(
                            line.substring(1, line.length() - 1).toUpperCase());
                    byFamily.put(family, new ArrayList<>());
                } else {
                    byFamily.get(family).add(line);
                }
            }
        }
        return byFamily;
    }

    static Stream<Arguments> patterns() throws IOException {
        Map<Whitelist.Family, List<String>> samples = samples();
        return Stream.of(Whitelist.Family.APT, Whitelist.Family.YUM, Whitelist.Family.DNF, Whitelist.Family.STRACE)
                .flatMap(f -> Whitelist.patternsOf(f).stream().map(p -> Arguments.of(f, p, samples.get(f))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("patterns")
    void everyPatternMatchesARealLine(Whitelist.Family family, String pattern, List<String> lines) {
        Pattern compiled = Pattern.compile(pattern);
        assertThat(lines)
                .as("a %s line for /%s/", family, pattern)
                .anyMatch(l -> compiled.matcher(l.strip()).matches());
    }

    static Stream<Arguments> lines() throws IOException {
        return samples().entrySet().stream().flatMap(e -> e.getValue().stream().map(l -> Arguments.of(e.getKey(), l)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("lines")
    void everySampleLineIsNoiseToItsFamily(Whitelist.Family family, String line) {
        String command = switch (family) {
            case APT -> "apt-get install -y tomcat9";
            case YUM -> "yum install -y tomcat";
            case DNF -> "dnf install -y tomcat";
            case STRACE -> "strace -f -e trace=execve,write bash -c x";
            case NONE -> "true";
        };
        assertThat(Whitelist.forCommand(command).isWhitelisted(line)).isTrue();
    }
}
