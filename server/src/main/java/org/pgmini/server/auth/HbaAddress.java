package org.pgmini.server.auth;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;

/** The address field of a host* line and how a client address is checked against it. */
public sealed interface HbaAddress {

    boolean matches(InetAddress client);

    /** {@code all}. */
    record Any() implements HbaAddress {
        @Override
        public boolean matches(InetAddress client) {
            return true;
        }
    }

    /** {@code samehost}: any of the server's own addresses. */
    record SameHost() implements HbaAddress {
        @Override
        public boolean matches(InetAddress client) {
            for (InterfaceAddress ia : interfaceAddresses()) {
                if (ia.getAddress().equals(client)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code samenet}: any subnet the server is directly connected to. */
    record SameNet() implements HbaAddress {
        @Override
        public boolean matches(InetAddress client) {
            for (InterfaceAddress ia : interfaceAddresses()) {
                byte[] net = ia.getAddress().getAddress();
                if (net.length == client.getAddress().length
                        && Masked.prefixMatches(net, client.getAddress(), ia.getNetworkPrefixLength())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An IP address with a mask (CIDR length or a separate mask field). */
    record Masked(byte[] address, byte[] mask) implements HbaAddress {
        @Override
        public boolean matches(InetAddress client) {
            byte[] c = client.getAddress();
            if (c.length != address.length) {
                return false; // PostgreSQL never matches across address families
            }
            return equalUnderMask(c, address, mask);
        }

        static byte[] maskOfLength(int bytes, int bits) {
            byte[] m = new byte[bytes];
            for (int i = 0; i < bytes; i++) {
                int take = Math.max(0, Math.min(8, bits - 8 * i));
                m[i] = (byte) (0xff << (8 - take));
            }
            return m;
        }

        static boolean prefixMatches(byte[] a, byte[] b, int bits) {
            return equalUnderMask(a, b, maskOfLength(a.length, bits));
        }

        /** Whether {@code a} and {@code b} (same length) agree on every bit set in {@code mask}. */
        private static boolean equalUnderMask(byte[] a, byte[] b, byte[] mask) {
            for (int i = 0; i < a.length; i++) {
                if (((a[i] ^ b[i]) & mask[i]) != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Masked m && Arrays.equals(address, m.address) && Arrays.equals(mask, m.mask);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(address) * 31 + Arrays.hashCode(mask);
        }

        @Override
        public String toString() {
            return "Masked" + Arrays.toString(address) + "/" + Arrays.toString(mask);
        }
    }

    /**
     * A host name, or a domain suffix when it starts with a dot. As in PostgreSQL, the client's
     * address is resolved back to a name which must match, and that name must resolve forward
     * to the client's address again.
     */
    record HostName(String name) implements HbaAddress {
        @Override
        public boolean matches(InetAddress client) {
            String reverse = client.getCanonicalHostName();
            if (reverse.equals(client.getHostAddress())) {
                return false; // no reverse entry
            }
            String lower = reverse.toLowerCase(Locale.ROOT);
            String want = name.toLowerCase(Locale.ROOT);
            boolean nameOk = want.startsWith(".") ? lower.endsWith(want) : lower.equals(want);
            if (!nameOk) {
                return false;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(reverse)) {
                    if (a.equals(client)) {
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                return false;
            }
            return false;
        }
    }

    private static Iterable<InterfaceAddress> interfaceAddresses() {
        try {
            java.util.List<InterfaceAddress> all = new java.util.ArrayList<>();
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                all.addAll(ni.getInterfaceAddresses());
            }
            return all;
        } catch (SocketException e) {
            return java.util.List.of();
        }
    }
}
