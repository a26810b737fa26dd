package org.pgmini.storage.tuple;

/**
 * An interval as PostgreSQL stores it: a time part in microseconds, and separate day and month
 * counts (they do not convert into each other exactly). On disk: int64 time, int32 day,
 * int32 month, aligned to 8 bytes.
 */
public record IntervalValue(long microseconds, int days, int months) {}
