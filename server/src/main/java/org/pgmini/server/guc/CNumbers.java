package org.pgmini.server.guc;

/**
 * The prefixes of a string that C's {@code strtol(s, &end, 0)} and {@code strtod} accept, because
 * PostgreSQL parses numeric parameter values with them (so "0x10" and "010" are 16 and 8, and
 * leading blanks are skipped).
 */
final class CNumbers {
    private CNumbers() {}

    /** A parsed prefix: its value, where parsing stopped, and C's ERANGE. */
    record Parsed(double value, int end, boolean range) {}

    static Parsed strtol(String s) {
        int i = skipBlanks(s, 0);
        int start = i;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            radix = 8;
        }
        int digitsStart = i;
        java.math.BigInteger acc = java.math.BigInteger.ZERO;
        java.math.BigInteger r = java.math.BigInteger.valueOf(radix);
        while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0 && s.charAt(i) < 128) {
            acc = acc.multiply(r).add(java.math.BigInteger.valueOf(Character.digit(s.charAt(i), radix)));
            i++;
        }
        if (i == digitsStart) {
            return new Parsed(0, 0, false);
        }
        if (negative) {
            acc = acc.negate();
        }
        boolean range = acc.bitLength() > 63;
        double value = range ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : acc.longValue();
        return new Parsed(value, start == i ? 0 : i, range);
    }

    static Parsed strtod(String s) {
        int i = skipBlanks(s, 0);
        int start = i;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        double sign = s.startsWith("-", start) ? -1 : 1;
        if (rest.startsWith("infinity")) {
            return new Parsed(sign * Double.POSITIVE_INFINITY, i + 8, false);
        }
        if (rest.startsWith("inf")) {
            return new Parsed(sign * Double.POSITIVE_INFINITY, i + 3, false);
        }
        if (rest.startsWith("nan")) {
            return new Parsed(Double.NaN, i + 3, false);
        }
        int mantStart = i;
        int digits = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return new Parsed(0, 0, false);
        }
        i = skipExponent(s, i);
        String text = s.substring(mantStart, i);
        double v = sign * Double.parseDouble(text);
        boolean range = Double.isInfinite(v) || (v == 0 && !isZero(text));
        return new Parsed(v, i, range);
    }

    private static boolean isZero(String text) {
        int e = text.toLowerCase(java.util.Locale.ROOT).indexOf('e');
        String mant = e < 0 ? text : text.substring(0, e);
        return mant.chars().noneMatch(c -> c >= '1' && c <= '9');
    }

    /**
     * The index after an exponent ("e", optional sign, digits) starting at {@code i}, or
     * {@code i} when there is none: an "e" without digits is not part of the number.
     */
    static int skipExponent(String s, int i) {
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < s.length() && isDigit(s.charAt(j))) {
                while (j < s.length() && isDigit(s.charAt(j))) {
                    j++;
                }
                return j;
            }
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int skipBlanks(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
