package dev.lazarus.config;

import static dev.lazarus.api.LazarusParameters.SHARD_INDEX;
import static dev.lazarus.api.LazarusParameters.SHARD_TOTAL;

import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One shard of a fleet run as parallel jobs (GitLab's {@code parallel: N}): shard {@code index} of
 * {@code total}, 1-based. Every shard derives the same gold list from the same control-plane query and
 * installs its own contiguous slice of it, so every IP is in exactly one shard.
 */
public record Shard(int index, int total) {

    public static final Shard WHOLE = new Shard(1, 1);
    public static final int MAX_TOTAL = 1_000;

    public Shard {
        if (total < 1 || total > MAX_TOTAL || index < 1 || index > total) {
            throw new LazarusConfigurationException("shard " + index + "/" + total + " is not a shard; allowed: "
                    + SHARD_INDEX + " 1.." + SHARD_TOTAL + ", " + SHARD_TOTAL + " 1.." + MAX_TOTAL);
        }
    }

    /**
     * From {@code lazarus.shard.index} / {@code lazarus.shard.total}, each defaulting from GitLab's
     * {@code CI_NODE_INDEX} / {@code CI_NODE_TOTAL}, else the whole fleet.
     */
    public static Shard resolve(Parameters p, Map<String, String> env) {
        Optional<String> index = p.get(SHARD_INDEX).or(() -> Optional.ofNullable(env.get("CI_NODE_INDEX")));
        Optional<String> total = p.get(SHARD_TOTAL).or(() -> Optional.ofNullable(env.get("CI_NODE_TOTAL")));
        if (index.isEmpty() && total.isEmpty()) {
            return WHOLE;
        }
        if (index.isEmpty() || total.isEmpty()) {
            throw new LazarusConfigurationException("give both " + SHARD_INDEX + " and " + SHARD_TOTAL
                    + " (or GitLab's CI_NODE_INDEX and CI_NODE_TOTAL), not only one");
        }
        int t = Parameters.parseInt(SHARD_TOTAL, total.get(), 1, MAX_TOTAL);
        int i = Parameters.parseInt(SHARD_INDEX, index.get(), 1, t);
        return new Shard(i, t);
    }

    /** Parses a label such as {@code 3/4}. */
    public static Shard parse(String label) {
        String[] parts = label.strip().split("/");
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + label + "' is not a shard label such as 3/4", e);
        }
    }

    public boolean isWhole() {
        return total == 1;
    }

    /** This shard's slice of the gold list: a contiguous chunk, sizes differing by at most one. */
    public <T> List<T> slice(List<T> gold) {
        int n = gold.size();
        int from = (int) ((long) n * (index - 1) / total);
        int to = (int) ((long) n * index / total);
        return List.copyOf(gold.subList(from, to));
    }

    public String label() {
        return index + "/" + total;
    }

    @Override
    public String toString() {
        return label();
    }
}
