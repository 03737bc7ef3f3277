package dev.lazarus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

    @Test
    void everyIpIsInExactlyOneShardInOrderWithSizesWithinOne() {
        for (int n : new int[] {0, 1, 2, 3, 7, 16, 100, 511, 512, 513, 1000, 4099}) {
            List<Integer> gold = IntStream.range(0, n).boxed().toList();
            for (int total : new int[] {1, 2, 3, 4, 5, 7, 8, 16, 31, 64, 100}) {
                List<Integer> joined = new ArrayList<>();
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int index = 1; index <= total; index++) {
                    List<Integer> slice = new Shard(index, total).slice(gold);
                    joined.addAll(slice);
                    min = Math.min(min, slice.size());
                    max = Math.max(max, slice.size());
                }
                assertThat(joined).as("%d nodes in %d shards", n, total).isEqualTo(gold);
                assertThat(max - min).as("%d nodes in %d shards", n, total).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void theSameInputAlwaysGivesTheSameSlice() {
        List<String> gold =
                IntStream.rangeClosed(1, 512).mapToObj(i -> "127.0.1." + i).toList();
        assertThat(new Shard(3, 4).slice(gold))
                .isEqualTo(new Shard(3, 4).slice(List.copyOf(gold)))
                .hasSize(128)
                .startsWith("127.0.1.257");
    }

    @Test
    void parametersWinOverGitLabsVariablesAndBadValuesNameTheParameter() {
        Map<String, String> gitlab = Map.of("CI_NODE_INDEX", "2", "CI_NODE_TOTAL", "4");
        assertThat(Shard.resolve(Parameters.of(Map.of()), Map.of())).isEqualTo(Shard.WHOLE);
        assertThat(Shard.resolve(Parameters.of(Map.of()), gitlab)).isEqualTo(new Shard(2, 4));
        assertThat(Shard.resolve(Parameters.of(Map.of("lazarus.shard.index", "3", "lazarus.shard.total", "8")), gitlab))
                .isEqualTo(new Shard(3, 8));
        assertThatThrownBy(() -> Shard.resolve(
                        Parameters.of(Map.of("lazarus.shard.index", "5", "lazarus.shard.total", "4")), Map.of()))
                .isInstanceOf(LazarusConfigurationException.class)
                .hasMessageContaining("lazarus.shard.index")
                .hasMessageContaining("1..4");
        assertThatThrownBy(() -> Shard.resolve(Parameters.of(Map.of("lazarus.shard.total", "4")), Map.of()))
                .hasMessageContaining("give both");
        assertThat(Shard.parse("3/4")).isEqualTo(new Shard(3, 4));
    }
}
