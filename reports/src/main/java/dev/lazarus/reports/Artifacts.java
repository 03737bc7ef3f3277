package dev.lazarus.reports;

import dev.lazarus.spi.ArtifactFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Writes artifact files whole or not at all: to a temp file beside the target, then an atomic rename,
 * so a crash never leaves a half-written artifact that a later reader takes for a result.
 */
final class Artifacts {

    private Artifacts() {}

    static void write(Path target, byte[] content) throws IOException {
        ArtifactFiles.write(target, content);
    }

    /** One IP a line, in numeric order; an empty file when there are none ("all clear"). */
    static void writeIps(Path target, Collection<String> ips) throws IOException {
        String text = ips.stream()
                .distinct()
                .sorted(IpOrder.NUMERIC)
                .map(ip -> ip + "\n")
                .collect(Collectors.joining());
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
