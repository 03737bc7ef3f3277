package dev.lazarus.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lazarus.spi.ArtifactFiles;

/** The JSON mapping of journal lines: the artifacts' own ({@link ArtifactFiles#json()}), so the two never drift. */
public final class JournalCodec {

    private JournalCodec() {}

    public static ObjectMapper mapper() {
        return ArtifactFiles.json();
    }
}
