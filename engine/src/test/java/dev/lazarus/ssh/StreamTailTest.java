package dev.lazarus.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamTailTest {

    /** Hands out at most {@code step} bytes a read, so lines and characters arrive split across reads. */
    private static InputStream trickling(String text, int step) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new InputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return bytes.read(b, off, Math.min(step, len));
            }
        };
    }

    @Test
    void linesEndAtNewlineCarriageReturnOrBothAndTheLastNeedsNoEnd() throws IOException {
        for (int step : new int[] {1, 3, 4096}) {
            StreamTail tail = new StreamTail("stdout", 10, System.nanoTime());
            tail.drain(
                    trickling("Reading package lists...\r\nGet:1 ümlaut ✓\n\nprogress 10%\rprogress 20%\rdone", step));
            assertThat(tail.lines())
                    .as("read %d byte(s) at a time", step)
                    .containsExactly(
                            "Reading package lists...", "Get:1 ümlaut ✓", "", "progress 10%", "progress 20%", "done");
            assertThat(tail.totalLines()).isEqualTo(6);
        }
    }

    @Test
    void onlyTheLastLinesAreKeptAndAnEndlessLineIsCut() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            text.append("line ").append(i).append('\n');
        }
        text.append("x".repeat(StreamTail.MAX_LINE * 3));
        StreamTail tail = new StreamTail("stderr", 3, System.nanoTime());
        tail.drain(trickling(text.toString(), 4096));
        assertThat(tail.totalLines()).isEqualTo(1001);
        assertThat(tail.lines()).hasSize(3).startsWith("line 999", "line 1000");
        assertThat(tail.lines().get(2))
                .startsWith("x".repeat(StreamTail.MAX_LINE))
                .endsWith("[line cut at " + StreamTail.MAX_LINE + " bytes]")
                .hasSizeLessThan(StreamTail.MAX_LINE + 40);
    }

    @Test
    void aCutLineEndsOnAWholeCharacter() throws IOException {
        for (int pad = 0; pad < 4; pad++) { // the cut falls on every byte of the 4-byte characters in turn
            StreamTail tail = new StreamTail("stdout", 1, System.nanoTime());
            tail.drain(trickling("a".repeat(pad) + "𝄞".repeat(StreamTail.MAX_LINE), 4096));
            String cut = tail.lines().get(0);
            String kept = cut.substring(0, cut.indexOf(" …[line cut"));
            assertThat(kept).as("pad %d", pad).doesNotContain("\uFFFD").startsWith("a".repeat(pad) + "𝄞");
            assertThat(kept.getBytes(StandardCharsets.UTF_8).length)
                    .isBetween(StreamTail.MAX_LINE - 3, StreamTail.MAX_LINE);
        }
    }

    @Test
    void theTimeOfTheLastByteMovesWithEveryRead() throws IOException {
        long start = System.nanoTime();
        StreamTail tail = new StreamTail("stdout", 5, start);
        tail.drain(trickling("partial line without an end", 2));
        assertThat(tail.lastByteNanos()).isGreaterThan(start);
        assertThat(tail.lines()).containsExactly("partial line without an end");
    }
}
