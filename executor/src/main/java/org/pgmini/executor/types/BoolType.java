package org.pgmini.executor.types;

import java.util.Locale;
import org.pgmini.executor.api.SessionContext;

/** boolean (OID 16): java.lang.Boolean; text form 't'/'f'. */
public final class BoolType implements PgType {
    BoolType() {}

    @Override public int oid() { return 16; }
    @Override public String name() { return "bool"; }
    @Override public short typlen() { return 1; }

    @Override
    public String output(Object value, SessionContext session) {
        return ((Boolean) value) ? "t" : "f";
    }

    /** Accepts what boolin accepts: unique prefixes of true/false/yes/no, on/off, 1/0, any case. */
    @Override
    public Object input(String text, int typmod) {
        Boolean b = parse(text);
        if (b == null) {
            throw TypeIo.invalidInput("boolean", text);
        }
        return b;
    }

    static Boolean parse(String text) {
        String s = TypeIo.trimSpaces(text).toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("on") || s.equals("1")) {
            return Boolean.TRUE;
        }
        if ("false".startsWith(s) || "no".startsWith(s) || s.equals("off") || s.equals("0")) {
            return Boolean.FALSE;
        }
        if (s.length() >= 2 && "off".startsWith(s)) {
            return Boolean.FALSE;
        }
        return null;
    }

    @Override
    public byte[] send(Object value) {
        return new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
    }

    @Override
    public Object receive(byte[] data) {
        return TypeIo.expect(data, 1).get() != 0;
    }
}
