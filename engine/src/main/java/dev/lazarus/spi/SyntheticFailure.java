package dev.lazarus.spi;

import java.util.List;

/** A crash thrown on purpose by an injector; its tags join the entry's (e.g. {@code synthetic_crash_idx_1}). */
public class SyntheticFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> tags;

    public SyntheticFailure(String message, List<String> tags) {
        super(message);
        this.tags = List.copyOf(tags);
    }

    public List<String> tags() {
        return tags;
    }
}
