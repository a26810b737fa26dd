package org.pgmini.executor.parser;

public class ParseProbe {
    public static void main(String[] a) {
        for (String s : a) {
            try {
                for (PgParser.RawStatement r : PgParser.parse(s)) {
                    System.out.println(r.sql() + " => " + r.node().getClass().getSimpleName() + " : " + r.node());
                }
            } catch (org.pgmini.error.PgException e) {
                System.out.println(s + " => ERR " + e.sqlState() + " " + e.getMessage() + " @" + e.position());
            }
        }
    }
}
