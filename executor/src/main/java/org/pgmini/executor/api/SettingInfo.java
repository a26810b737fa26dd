package org.pgmini.executor.api;

import java.util.List;

/** One row of pg_settings, with PostgreSQL's columns (null where PostgreSQL shows NULL). */
public record SettingInfo(String name, String setting, String unit, String category, String shortDesc,
                          String extraDesc, String context, String vartype, String source, String minVal,
                          String maxVal, List<String> enumVals, String bootVal, String resetVal,
                          String sourceFile, Integer sourceLine, boolean pendingRestart) {
}
