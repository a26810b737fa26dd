package org.pgmini.executor.types;

import java.nio.charset.StandardCharsets;
import org.pgmini.executor.api.SessionContext;

/**
 * The character types, all java.lang.String: text (OID 25), character varying (1043),
 * character/bpchar (1042, values stored blank-padded to their length), name (19, 63-byte
 * identifiers) and unknown (705, an untyped quoted literal). typmod for varchar/bpchar is the
 * length + 4, as in PostgreSQL.
 */
public final class TextType implements PgType {
    public static final TextType TEXT = new TextType(25, "text", (short) -1);
    public static final TextType VARCHAR = new TextType(1043, "varchar", (short) -1);
    public static final TextType BPCHAR = new TextType(1042, "bpchar", (short) -1);
    public static final TextType NAME = new TextType(19, "name", (short) 64);
    public static final TextType UNKNOWN = new TextType(705, "unknown", (short) -2);

    private final int oid;
    private final String name;
    private final short typlen;

    private TextType(int oid, String name, short typlen) {
        this.oid = oid;
        this.name = name;
        this.typlen = typlen;
    }

    @Override public int oid() { return oid; }
    @Override public String name() { return name; }
    @Override public short typlen() { return typlen; }

    @Override
    public String output(Object value, SessionContext session) {
        return (String) value;
    }

    /** Input applies the length typmod like an assignment would: bpchar pads, over-long is an error. */
    @Override
    public Object input(String text, int typmod) {
        if (this == BPCHAR) {
            int len = typmod >= 4 ? typmod - 4 : -1;
            return len < 0 ? text : CharacterCoercion.bpchar(text, len, false);
        }
        if (this == VARCHAR && typmod >= 4) {
            return CharacterCoercion.varchar(text, typmod - 4, false);
        }
        if (this == NAME && text.getBytes(StandardCharsets.UTF_8).length > 63) {
            return CharacterCoercion.truncateBytes(text, 63);
        }
        return text;
    }

    @Override
    public byte[] send(Object value) {
        return ((String) value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object receive(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
