package org.pgmini.storage.catalog;

/** Fixed oids from PostgreSQL's initial catalog contents. */
public final class CatalogOids {
    private CatalogOids() {}

    public static final int PG_CATALOG_NAMESPACE = 11;
    public static final int PUBLIC_NAMESPACE = 2200;
    public static final int BOOTSTRAP_SUPERUSER = 10;
    /** The predefined role owning the public schema in PostgreSQL 15. */
    public static final int PG_DATABASE_OWNER = 6171;
    public static final int TEMPLATE1_DB = 1;
    public static final int TEMPLATE0_DB = 4;
    public static final int POSTGRES_DB = 5;
    public static final int DEFAULT_TABLESPACE = 1663;
    public static final int HEAP_TABLE_AM = 2;
    public static final int DEFAULT_COLLATION = 100;
    /** FirstNormalObjectId: oids at or above are assigned by the running system (user objects). */
    public static final int FIRST_NORMAL_OBJECT_ID = 16384;
}
