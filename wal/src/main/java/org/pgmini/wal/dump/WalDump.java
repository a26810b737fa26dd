package org.pgmini.wal.dump;

import org.pgmini.wal.Lsn;
import org.pgmini.wal.WalLayout;
import org.pgmini.wal.WalSettings;
import org.pgmini.wal.io.RealFileLayer;
import org.pgmini.wal.io.WalFile;
import org.pgmini.wal.io.FileLayer;
import org.pgmini.wal.mode.SegmentFiles;
import org.pgmini.wal.record.DecodedBlock;
import org.pgmini.wal.record.DecodedRecord;
import org.pgmini.wal.record.ForkNumber;
import org.pgmini.wal.record.PageHeader;
import org.pgmini.wal.recovery.PageSource;
import org.pgmini.wal.recovery.ResourceManager;
import org.pgmini.wal.recovery.ResourceManagerRegistry;
import org.pgmini.wal.recovery.WalReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * pg_waldump for pgmini's WAL: prints one line per record in pg_waldump's format
 * ({@code rmgr: Heap len (rec/tot): 54/ 54, tx: 735, lsn: 0/01A2B3C4, prev 0/01A2B388, desc: ...}).
 * Descriptions come from the registered resource managers; {@link #main} finds them through
 * ServiceLoader, the server passes its own registry to {@link #run}.
 *
 * Usage: {@code waldump [OPTION]... [STARTSEG [ENDSEG]]} with -p/--path DIR, -s/--start LSN,
 * -e/--end LSN, -n/--limit N, -r/--rmgr NAME, -x/--xid XID (as pg_waldump), and ours:
 * -b/--buffer-file FILE to read, like recovery, the newest WAL that pmem_buffers or nvwal keep
 * only in their buffer file (nvwal_path).
 */
public final class WalDump {
    private WalDump() {}

    public static final String PROGRAM = "pg_waldump";

    public static void main(String[] args) {
        int rc = run(args, ResourceManagerRegistry.withServiceLoader(), System.out, System.err);
        System.out.flush();
        System.exit(rc);
    }

    /** One record in pg_waldump's line format. */
    public static String format(DecodedRecord r, ResourceManagerRegistry rmgrs) {
        ResourceManager rm = rmgrs.get(r.rmgrId());
        String name = rm != null ? rm.name() : "#" + r.rmgrId();
        String id = rm != null ? rm.identify(r.info()) : null;
        if (id == null) id = "UNKNOWN (" + Integer.toHexString(r.info() & 0xF0) + ")";
        String desc = rm != null ? rm.describe(r) : "";
        StringBuilder sb = new StringBuilder(160);
        sb.append(String.format("rmgr: %-11s len (rec/tot): %6d/%8d, tx: %10s, lsn: %s, prev %s, desc: %s %s",
                name, r.lengthWithoutImages(), r.totalLength(), Integer.toUnsignedString(r.xid()),
                Lsn.formatPadded(r.lsn()), Lsn.formatPadded(r.prev()), id, desc));
        for (DecodedBlock b : r.blocks()) {
            sb.append(", blkref #").append(b.blockId()).append(": rel ").append(b.locator());
            if (b.fork() != ForkNumber.MAIN) sb.append(" fork ").append(b.fork().forkName());
            sb.append(" blk ").append(Integer.toUnsignedString(b.blockNumber()));
            if (b.hasImage()) sb.append(" FPW");
        }
        return sb.toString();
    }

    /** Runs the tool; returns the exit code (0, or 1 after an error as pg_waldump). */
    public static int run(String[] args, ResourceManagerRegistry rmgrs, PrintStream out, PrintStream err) {
        Path dir = null;
        long start = 0, end = 0, limit = -1;
        String rmgrFilter = null;
        Long xidFilter = null;
        Path bufferFile = null;
        String startSeg = null, endSeg = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v;
                if ((v = option(a, "-p", "--path", args, i)) != null) { dir = Paths.get(v); i += step(a); }
                else if ((v = option(a, "-s", "--start", args, i)) != null) { start = Lsn.parse(v); i += step(a); }
                else if ((v = option(a, "-e", "--end", args, i)) != null) { end = Lsn.parse(v); i += step(a); }
                else if ((v = option(a, "-n", "--limit", args, i)) != null) { limit = Long.parseLong(v); i += step(a); }
                else if ((v = option(a, "-r", "--rmgr", args, i)) != null) { rmgrFilter = v; i += step(a); }
                else if ((v = option(a, "-x", "--xid", args, i)) != null) { xidFilter = Long.parseLong(v); i += step(a); }
                else if ((v = option(a, "-b", "--buffer-file", args, i)) != null) { bufferFile = Paths.get(v); i += step(a); }
                else if (a.startsWith("-")) {
                    err.println(PROGRAM + ": error: unrecognized option \"" + a + "\"");
                    err.println("Try \"" + PROGRAM + " --help\" for more information.");
                    return 1;
                } else if (startSeg == null) startSeg = a;
                else if (endSeg == null) endSeg = a;
                else {
                    err.println(PROGRAM + ": error: too many command-line arguments (first is \"" + a + "\")");
                    return 1;
                }
            }
            if (startSeg == null && start == 0) {
                err.println(PROGRAM + ": error: no start WAL location given");
                return 1;
            }
            FileLayer layer = new RealFileLayer();
            String startName = null;
            if (startSeg != null) {
                Path p = Paths.get(startSeg);
                if (p.getParent() != null && dir == null) dir = p.getParent();
                startName = p.getFileName().toString();
            }
            if (dir == null) dir = Paths.get("pg_wal");
            Path firstFile = startName != null ? dir.resolve(startName) : null;
            long segSize = segmentSizeOf(layer, firstFile != null ? firstFile : anySegment(layer, dir));
            WalLayout layout = new WalLayout(segSize);
            int timeline = 1;
            if (startName != null) {
                long segNo = layout.segmentNoOf(startName);
                if (segNo < 0) {
                    err.println(PROGRAM + ": error: could not locate WAL file \"" + startName + "\"");
                    return 1;
                }
                timeline = WalLayout.timelineOf(startName);
                long segStart = layout.segmentStart(segNo);
                if (start == 0) start = -segStart - 1; // resolved below: first record of the segment
                else if (layout.segmentNo(start) != segNo) {
                    err.println(PROGRAM + ": error: start WAL location " + Lsn.format(start) + " is not inside file \"" + startName + "\"");
                    return 1;
                }
            }
            if (endSeg != null && end == 0) {
                long segNo = layout.segmentNoOf(Paths.get(endSeg).getFileName().toString());
                end = layout.segmentStart(segNo + 1);
            }
            WalSettings settings = new WalSettings();
            settings.walSegmentSize = segSize;
            SegmentFiles segs = new SegmentFiles(layer, dir, layout, timeline, settings);
            try (PageSource src = bufferFile == null ? segs.pageSource()
                    : new BufferFilePageSource(segs.pageSource(), layer, bufferFile)) {
                WalReader reader = new WalReader(src, layout, 0);
                if (start < 0) {
                    long segStart = -start - 1;
                    start = reader.findFirstRecord(segStart);
                    if (start == 0) {
                        err.println(PROGRAM + ": error: could not find a valid record after " + Lsn.format(segStart));
                        return 1;
                    }
                }
                reader.seek(start, 0);
                long shown = 0;
                long lastLsn = start;
                while (limit < 0 || shown < limit) {
                    if (end != 0 && reader.nextLsn() >= end) return 0;
                    DecodedRecord r = reader.next();
                    if (r == null) {
                        err.println(PROGRAM + ": error: error in WAL record at " + Lsn.format(lastLsn) + ": " + reader.errorMessage());
                        return 1;
                    }
                    lastLsn = r.lsn();
                    if (rmgrFilter != null) {
                        ResourceManager rm = rmgrs.get(r.rmgrId());
                        if (rm == null || !rm.name().equalsIgnoreCase(rmgrFilter)) continue;
                    }
                    if (xidFilter != null && Integer.toUnsignedLong(r.xid()) != xidFilter) continue;
                    out.println(format(r, rmgrs));
                    shown++;
                }
                return 0;
            }
        } catch (IOException | RuntimeException e) {
            err.println(PROGRAM + ": error: " + e.getMessage());
            return 1;
        }
    }

    private static int step(String a) { return a.startsWith("--") ? (a.contains("=") ? 0 : 1) : (a.length() > 2 ? 0 : 1); }

    /** The value of a short ("-s X", "-sX") or long ("--start X", "--start=X") option, or null. */
    private static String option(String a, String shortName, String longName, String[] args, int i) {
        if (a.equals(shortName) || a.equals(longName)) {
            if (i + 1 >= args.length) throw new IllegalArgumentException("option requires an argument -- '" + a + "'");
            return args[i + 1];
        }
        if (a.startsWith(longName + "=")) return a.substring(longName.length() + 1);
        if (a.startsWith(shortName) && !a.startsWith("--") && a.length() > 2) return a.substring(2);
        return null;
    }

    private static Path anySegment(FileLayer layer, Path dir) throws IOException {
        for (String n : layer.list(dir)) {
            if (n.length() == 24 && n.chars().allMatch(c -> Character.digit(c, 16) >= 0)) return dir.resolve(n);
        }
        throw new IOException("could not find any WAL file in \"" + dir + "\"");
    }

    /** Reads the segment size from the long page header at the start of a segment file. */
    static long segmentSizeOf(FileLayer layer, Path file) throws IOException {
        try (WalFile f = layer.open(file, false, FileLayer.OpenMode.NORMAL)) {
            ByteBuffer b = ByteBuffer.allocate(WalLayout.LONG_PAGE_HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                if (f.read(b, b.position()) < 0) throw new IOException("could not read file \"" + file + "\": file too short");
            }
            b.flip();
            if ((b.getShort(PageHeader.OFF_MAGIC) & 0xFFFF) != PageHeader.MAGIC) {
                throw new IOException("file \"" + file + "\" is not a pgmini WAL segment (bad magic number)");
            }
            return b.getInt(PageHeader.OFF_SEGSIZE) & 0xFFFFFFFFL;
        }
    }
}
