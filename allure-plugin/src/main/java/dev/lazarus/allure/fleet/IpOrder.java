package dev.lazarus.allure.fleet;

import java.util.Comparator;

/**
 * IPv4 addresses by their numbers (127.0.1.9 before 127.0.1.10); anything else after them, by its text. The same
 * order as {@code dev.lazarus.reports.IpOrder}, kept as a copy: the plugin runs inside the Allure CLI, whose class
 * path has Allure's jars and none of Lazarus's.
 */
final class IpOrder {

    static final Comparator<String> NUMERIC =
            Comparator.comparingLong(IpOrder::ipv4).thenComparing(ip -> ip);

    private IpOrder() {}

    /** The address as a number, or {@link Long#MAX_VALUE} when {@code ip} is not a dotted IPv4 address. */
    static long ipv4(String ip) {
        long value = 0;
        int octets = 0;
        int octet = -1;
        for (int i = 0; i <= ip.length(); i++) {
            char c = i == ip.length() ? '.' : ip.charAt(i);
            if (c >= '0' && c <= '9') {
                octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
                if (octet > 255) {
                    return Long.MAX_VALUE;
                }
            } else if (c == '.' && octet >= 0 && octets < 4) {
                value = value << 8 | octet;
                octets++;
                octet = -1;
            } else {
                return Long.MAX_VALUE;
            }
        }
        return octets == 4 ? value : Long.MAX_VALUE;
    }
}
