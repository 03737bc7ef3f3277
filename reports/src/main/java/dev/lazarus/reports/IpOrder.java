package dev.lazarus.reports;

import java.util.Comparator;

/** Orders IPv4 addresses by their numbers (127.0.1.9 before 127.0.1.10); anything else after, by text. */
final class IpOrder {

    static final Comparator<String> NUMERIC = Comparator.comparing(IpOrder::key);

    private IpOrder() {
    }

    private static String key(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            return "~" + ip;
        }
        StringBuilder k = new StringBuilder();
        for (String p : parts) {
            if (!p.matches("\\d{1,3}")) {
                return "~" + ip;
            }
            k.append(String.format("%03d", Integer.parseInt(p)));
        }
        return k.toString();
    }
}
