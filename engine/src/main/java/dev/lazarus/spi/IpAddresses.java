package dev.lazarus.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What counts as a node's IP address: the identity of a node in the gold list, the journal and every verdict. */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private IpAddresses() {}

    /** True for a literal IPv4 or IPv6 address; false for {@code unknown}, a host name, or nothing. */
    public static boolean isValid(String ip) {
        if (ip == null) {
            return false;
        }
        Matcher m = IPV4.matcher(ip);
        if (m.matches()) {
            for (int g = 1; g <= 4; g++) {
                if (Integer.parseInt(m.group(g)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (ip.contains(":") && ip.matches("[0-9a-fA-F:.]+")) {
            try {
                return InetAddress.getByName(ip) != null; // literal IPv6: parsed, never resolved
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
