package org.pgmini.storage.catalog;

import java.util.List;

import static org.pgmini.storage.tuple.AttributeType.*;

/**
 * The system catalogs with PostgreSQL's oids and column names (a subset of the columns, in
 * PostgreSQL's order). Differences, because the tuple layer has no arrays and no xid/regproc
 * types yet: xid columns (relfrozenxid, datfrozenxid, ...) are stored as oid (same 4 unsigned
 * bytes); regproc columns (typinput, typoutput, ...) hold the function's name; array columns
 * (reloptions, conkey) hold PostgreSQL's text form of the array ("{1,2}"); adbin/conbin hold the
 * expression's SQL text rather than a node tree; relacl/nspacl/datacl (aclitem[]) hold the text form of
 * the ACL with role oids where PostgreSQL prints role names ("{=c/10,10=CTc/10}"; the executor
 * shows names), null meaning the owner's default privileges; relpartbound (pg_node_tree) is always null. All catalogs live in database 5's directory
 * with relfilenode = oid (pg_database too, though PostgreSQL keeps shared catalogs in global/).
 */
public final class SystemCatalogs {
    private SystemCatalogs() {}

    public static final CatalogTable PG_NAMESPACE = new CatalogTable(2615, "pg_namespace", 10001,
            "oid", OID, "nspname", NAME, "nspowner", OID, "nspacl", TEXT);

    public static final CatalogTable PG_CLASS = new CatalogTable(1259, "pg_class", 83,
            "oid", OID, "relname", NAME, "relnamespace", OID, "reltype", OID, "reloftype", OID, "relowner", OID,
            "relam", OID, "relfilenode", OID, "reltablespace", OID, "relpages", INT4, "reltuples", FLOAT4,
            "relallvisible", INT4, "reltoastrelid", OID, "relhasindex", BOOL, "relisshared", BOOL,
            "relpersistence", CHAR, "relkind", CHAR, "relnatts", INT2, "relchecks", INT2, "relhasrules", BOOL,
            "relhastriggers", BOOL, "relhassubclass", BOOL, "relrowsecurity", BOOL, "relforcerowsecurity", BOOL,
            "relispopulated", BOOL, "relreplident", CHAR, "relispartition", BOOL, "relrewrite", OID,
            "relfrozenxid", OID, "relminmxid", OID, "relacl", TEXT, "reloptions", TEXT, "relpartbound", TEXT);

    public static final CatalogTable PG_ATTRIBUTE = new CatalogTable(1249, "pg_attribute", 75,
            "attrelid", OID, "attname", NAME, "atttypid", OID, "attstattarget", INT4, "attlen", INT2, "attnum", INT2,
            "attndims", INT4, "attcacheoff", INT4, "atttypmod", INT4, "attbyval", BOOL, "attalign", CHAR,
            "attstorage", CHAR, "attcompression", CHAR, "attnotnull", BOOL, "atthasdef", BOOL, "atthasmissing", BOOL,
            "attidentity", CHAR, "attgenerated", CHAR, "attisdropped", BOOL, "attislocal", BOOL, "attinhcount", INT4,
            "attcollation", OID);

    public static final CatalogTable PG_TYPE = new CatalogTable(1247, "pg_type", 71,
            "oid", OID, "typname", NAME, "typnamespace", OID, "typowner", OID, "typlen", INT2, "typbyval", BOOL,
            "typtype", CHAR, "typcategory", CHAR, "typispreferred", BOOL, "typisdefined", BOOL, "typdelim", CHAR,
            "typrelid", OID, "typelem", OID, "typarray", OID, "typinput", NAME, "typoutput", NAME,
            "typreceive", NAME, "typsend", NAME, "typalign", CHAR, "typstorage", CHAR, "typnotnull", BOOL,
            "typbasetype", OID, "typtypmod", INT4, "typndims", INT4, "typcollation", OID, "typdefault", TEXT);

    public static final CatalogTable PG_DATABASE = new CatalogTable(1262, "pg_database", 1248,
            "oid", OID, "datname", NAME, "datdba", OID, "encoding", INT4, "datlocprovider", CHAR,
            "datistemplate", BOOL, "datallowconn", BOOL, "datconnlimit", INT4, "datfrozenxid", OID,
            "datminmxid", OID, "dattablespace", OID, "datcollate", TEXT, "datctype", TEXT, "daticulocale", TEXT,
            "datcollversion", TEXT, "datacl", TEXT);

    public static final CatalogTable PG_ATTRDEF = new CatalogTable(2604, "pg_attrdef", 10002,
            "oid", OID, "adrelid", OID, "adnum", INT2, "adbin", TEXT);

    public static final CatalogTable PG_CONSTRAINT = new CatalogTable(2606, "pg_constraint", 10003,
            "oid", OID, "conname", NAME, "connamespace", OID, "contype", CHAR, "condeferrable", BOOL,
            "condeferred", BOOL, "convalidated", BOOL, "conrelid", OID, "contypid", OID, "conindid", OID,
            "confrelid", OID, "conkey", TEXT, "conbin", TEXT);

    public static final CatalogTable PG_SEQUENCE = new CatalogTable(2224, "pg_sequence", 10004,
            "seqrelid", OID, "seqtypid", OID, "seqstart", INT8, "seqincrement", INT8, "seqmax", INT8,
            "seqmin", INT8, "seqcache", INT8, "seqcycle", BOOL);

    /**
     * A view's rule (PostgreSQL's pg_rewrite columns). ev_action holds the view's query as SQL text
     * (PostgreSQL keeps a node tree there); the executor parses and plans it where the view is used.
     * ev_qual holds the oids of the relations the query read at creation ("16384,16390"): there is
     * no pg_depend, so using the view checks that it still reads the same ones.
     */
    public static final CatalogTable PG_REWRITE = new CatalogTable(2618, "pg_rewrite", 10005,
            "oid", OID, "rulename", NAME, "ev_class", OID, "ev_type", CHAR, "ev_enabled", CHAR, "is_instead", BOOL,
            "ev_qual", TEXT, "ev_action", TEXT);

    /**
     * One row per index (PostgreSQL 15's pg_index). The vector columns (indkey, indcollation,
     * indclass, indoption: int2vector/oidvector in PostgreSQL) hold the vector's text form, its
     * elements separated by spaces ("1 3"); indexprs/indpred are always null (no expression or
     * partial indexes).
     */
    public static final CatalogTable PG_INDEX = new CatalogTable(2610, "pg_index", 10007,
            "indexrelid", OID, "indrelid", OID, "indnatts", INT2, "indnkeyatts", INT2, "indisunique", BOOL,
            "indnullsnotdistinct", BOOL, "indisprimary", BOOL, "indisexclusion", BOOL, "indimmediate", BOOL,
            "indisclustered", BOOL, "indisvalid", BOOL, "indcheckxmin", BOOL, "indisready", BOOL, "indislive", BOOL,
            "indisreplident", BOOL, "indkey", TEXT, "indcollation", TEXT, "indclass", TEXT, "indoption", TEXT,
            "indexprs", TEXT, "indpred", TEXT);

    /** Bootstrap order: pg_class first so that relation lookups work as soon as rows exist. */
    public static final List<CatalogTable> ALL = List.of(PG_CLASS, PG_ATTRIBUTE, PG_TYPE, PG_NAMESPACE,
            PG_DATABASE, PG_ATTRDEF, PG_CONSTRAINT, PG_SEQUENCE, PG_REWRITE, PG_INDEX);
}
