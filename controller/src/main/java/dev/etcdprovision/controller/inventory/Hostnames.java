package dev.etcdprovision.controller.inventory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Recognizes IP addresses and DNS names as written, without any name lookup. */
public final class Hostnames {
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ALL_NUMERIC_LABEL = Pattern.compile("\\d+");

    private Hostnames() {}

    /** An IPv4 address in dotted-quad form, or an IPv6 address. */
    public static boolean isIpAddress(String text) {
        return IPV4.matcher(text).matches() || isIpv6(text);
    }

    /**
     * A lower-case DNS name (RFC 1123): dot-separated labels of letters, digits and '-', not
     * starting or ending with '-'; the last label is not all digits (that would be a broken IP).
     */
    public static boolean isDnsName(String text) {
        if (text.isEmpty() || text.length() > 253 || text.endsWith(".")) {
            return false;
        }
        String[] labels = text.split("\\.", -1);
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !ALL_NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    /** A form for comparing addresses: IPs in canonical form, names in lower case. */
    public static String canonical(String address) {
        return isIpAddress(address) ? canonicalIp(address) : address.toLowerCase(Locale.ROOT);
    }

    /** One spelling per IP address: dotted quad, or IPv6 as RFC 5952 writes it ({@code 2001:db8::1}). */
    public static String canonicalIp(String address) {
        byte[] bytes;
        try {
            // a literal address is parsed, never looked up
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // the longest run of two or more zero groups becomes "::" (the first of equals)
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** The host part of a URL: IPv6 addresses go in brackets. */
    public static String urlHost(String address) {
        return isIpv6(address) ? "[" + address + "]" : address;
    }

    private static boolean isIpv6(String text) {
        if (!text.contains(":") || !text.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            // a literal with ':' is parsed, never looked up
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
