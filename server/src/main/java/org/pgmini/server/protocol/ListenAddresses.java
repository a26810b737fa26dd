package org.pgmini.server.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;


/**
 * listen_addresses: a comma-separated list of host names and IP addresses; {@code *} means
 * every interface. A null element in the result stands for the wildcard address (bound
 * dual-stack by the JVM, which covers what PostgreSQL does with one IPv4 and one IPv6 socket).
 */
final class ListenAddresses {
    private static final java.util.regex.Pattern NATIVE_ERROR =
            java.util.regex.Pattern.compile(".*failed with error\\(-?\\d+\\): (.*)");

    private ListenAddresses() {
    }

    /** The addresses to bind, without duplicates; the wildcard as null. Host names are resolved here. */
    static List<InetAddress> parse(String value, int port, List<String> warnings) {
        Set<InetAddress> out = new LinkedHashSet<>();
        boolean wildcard = false;
        for (String raw : value.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals("*")) {
                wildcard = true;
                continue;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(item)) {
                    out.add(a);
                }
            } catch (UnknownHostException e) {
                warnings.add("could not translate host name \"" + item + "\", service \"" + port
                        + "\" to address: Name or service not known");
            }
        }
        List<InetAddress> result = new ArrayList<>();
        if (wildcard) {
            result.add(null); // the wildcard covers every specific address as well
            return result;
        }
        result.addAll(out);
        return result;
    }

    /** PostgreSQL's message for a failed bind, e.g. {@code could not bind IPv4 address "127.0.0.1": Address already in use}. */
    static String bindFailure(InetAddress address, String reason) {
        // Netty's native transport says "bind(..) failed with error(-98): Address already in use";
        // PostgreSQL prints only strerror's text.
        reason = stripNativePrefix(reason);
        String family = address == null || address instanceof Inet6Address ? "IPv6" : "IPv4";
        String text = address == null ? "::" : address.getHostAddress();
        return "could not bind " + family + " address \"" + text + "\": " + reason;
    }

    /** Netty's native transport prefixes strerror's text with the call and errno; PostgreSQL prints only the text. */
    static String stripNativePrefix(String reason) {
        java.util.regex.Matcher m = NATIVE_ERROR.matcher(reason == null ? "" : reason);
        return m.matches() ? m.group(1) : reason;
    }
}
