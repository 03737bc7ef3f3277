package dev.lazarus.inventory;

import dev.lazarus.spi.IpAddresses;
import dev.lazarus.spi.LazarusConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inventory format: one host a line, {@code <ip>[:<port>] <user> <private key file> [<private ip>]},
 * blank lines and {@code #} comments ignored. A relative key path is relative to the inventory file. Any
 * bad line fails with its line number; an IP listed twice is an error (it would be counted twice).
 */
public final class InventoryFile {

    /** One host of the inventory. */
    public record Host(int line, String ip, int port, String user, Path key, String privateIp) {}

    private InventoryFile() {}

    public static List<Host> parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new LazarusConfigurationException(InventoryControlPlane.FILE + ": cannot read " + file + ": " + e, e);
        }
        List<Host> hosts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Host host = parseLine(file, i + 1, line);
            if (!seen.add(host.ip() + ":" + host.port())) {
                throw bad(file, i + 1, host.ip() + ":" + host.port() + " is listed twice");
            }
            hosts.add(host);
        }
        if (hosts.isEmpty()) {
            throw new LazarusConfigurationException(InventoryControlPlane.FILE + ": " + file + " lists no hosts");
        }
        return hosts;
    }

    private static Host parseLine(Path file, int number, String line) {
        String[] f = line.split("\\s+");
        if (f.length < 3 || f.length > 4) {
            throw bad(
                    file,
                    number,
                    "expected '<ip>[:<port>] <user> <private key file> [<private ip>]', got '" + line + "'");
        }
        String ip = f[0];
        int port = 22;
        int colon = f[0].lastIndexOf(':');
        if (colon > 0 && f[0].indexOf(':') == colon) {
            ip = f[0].substring(0, colon);
            try {
                port = Integer.parseInt(f[0].substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65_535) {
                throw bad(file, number, "port '" + f[0].substring(colon + 1) + "' is not 1..65535");
            }
        }
        if (!IpAddresses.isValid(ip)) {
            throw bad(file, number, "'" + ip + "' is not an IP address");
        }
        Path key = file.toAbsolutePath().getParent().resolve(f[2]).normalize();
        if (!Files.isReadable(key)) {
            throw bad(file, number, "the private key " + key + " is not readable");
        }
        String privateIp = f.length == 4 ? f[3] : ip;
        if (!IpAddresses.isValid(privateIp)) {
            throw bad(file, number, "private IP '" + privateIp + "' is not an IP address");
        }
        return new Host(number, ip, port, f[1], key, privateIp);
    }

    private static LazarusConfigurationException bad(Path file, int line, String what) {
        return new LazarusConfigurationException(
                InventoryControlPlane.FILE + ": " + file + " line " + line + ": " + what);
    }
}
