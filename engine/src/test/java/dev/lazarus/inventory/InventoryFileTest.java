package dev.lazarus.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lazarus.spi.LazarusConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryFileTest {

    @TempDir
    Path dir;

    private Path inventory(String text) throws Exception {
        Files.writeString(dir.resolve("id_ed25519"), "not checked here");
        return Files.writeString(dir.resolve("hosts.txt"), text);
    }

    @Test
    void hostsWithPortsUsersKeysAndPrivateIps() throws Exception {
        var hosts = InventoryFile.parse(inventory("""
                # web tier
                127.0.5.1:2222 deploy id_ed25519

                127.0.5.2 deploy id_ed25519 10.0.0.2
                """));
        assertThat(hosts).hasSize(2);
        assertThat(hosts.get(0)).satisfies(h -> {
            assertThat(h.line()).isEqualTo(2);
            assertThat(h.ip()).isEqualTo("127.0.5.1");
            assertThat(h.port()).isEqualTo(2222);
            assertThat(h.user()).isEqualTo("deploy");
            assertThat(h.key()).isEqualTo(dir.resolve("id_ed25519"));
            assertThat(h.privateIp()).isEqualTo("127.0.5.1");
        });
        assertThat(hosts.get(1).port()).isEqualTo(22);
        assertThat(hosts.get(1).privateIp()).isEqualTo("10.0.0.2");
    }

    @Test
    void badLinesAreRejectedWithTheirLineNumber() throws Exception {
        assertThatThrownBy(
                        () -> InventoryFile.parse(inventory("127.0.5.1 deploy id_ed25519\nweb-1 deploy id_ed25519\n")))
                .isInstanceOf(LazarusConfigurationException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("'web-1' is not an IP address");
        assertThatThrownBy(() -> InventoryFile.parse(inventory("127.0.5.1:99999 deploy id_ed25519\n")))
                .hasMessageContaining("line 1")
                .hasMessageContaining("port '99999'");
        assertThatThrownBy(() -> InventoryFile.parse(inventory("127.0.5.1 deploy\n")))
                .hasMessageContaining("line 1")
                .hasMessageContaining("expected");
        assertThatThrownBy(() -> InventoryFile.parse(inventory("127.0.5.1 deploy missing_key\n")))
                .hasMessageContaining("line 1")
                .hasMessageContaining("not readable");
        assertThatThrownBy(() -> InventoryFile.parse(inventory("127.0.5.1 a id_ed25519\n127.0.5.1 b id_ed25519\n")))
                .hasMessageContaining("line 2")
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> InventoryFile.parse(inventory("# nothing\n"))).hasMessageContaining("lists no hosts");
    }
}
