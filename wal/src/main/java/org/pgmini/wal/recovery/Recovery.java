package org.pgmini.wal.recovery;

import org.pgmini.error.PgException;
import org.pgmini.error.SqlState;
import org.pgmini.wal.Lsn;
import org.pgmini.wal.WalLayout;
import org.pgmini.wal.control.ControlFile;
import org.pgmini.wal.control.ControlFileData;
import org.pgmini.wal.control.DbState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Startup and crash recovery (PostgreSQL's StartupXLOG, the single-server part): find the
 * latest checkpoint through pg_control, decide whether redo is needed (the cluster was not shut
 * down cleanly, or WAL continues after the checkpoint), and replay every valid record from the
 * redo pointer to the end of valid WAL through the registered resource managers.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final ControlFile controlFile;
    private final PageSource source;
    private final WalLayout layout;
    private final ResourceManagerRegistry rmgrs;

    public Recovery(ControlFile controlFile, PageSource source, WalLayout layout, ResourceManagerRegistry rmgrs) {
        this.controlFile = controlFile;
        this.source = source;
        this.layout = layout;
        this.rmgrs = rmgrs;
    }

    private static String time(long epochSeconds) { return TIME.format(Instant.ofEpochSecond(epochSeconds)); }

    public RecoveryResult run() throws IOException {
        ControlFileData cf = controlFile.current() != null ? controlFile.current() : controlFile.read();
        switch (cf.state()) {
            case SHUTDOWNED: LOG.info("database system was shut down at {}", time(cf.time())); break;
            case SHUTDOWNING: LOG.info("database system shutdown was interrupted; last known up at {}", time(cf.time())); break;
            case IN_CRASH_RECOVERY:
                LOG.info("database system was interrupted while in recovery at {}", time(cf.time()));
                break;
            default: LOG.info("database system was interrupted; last known up at {}", time(cf.time())); break;
        }
        WalReader reader = new WalReader(source, layout, cf.systemIdentifier());
        reader.seek(cf.checkPoint(), 0);
        var ckptRec = reader.next();
        if (ckptRec == null || ckptRec.rmgrId() != RmgrIds.XLOG
                || ((ckptRec.info() & 0xF0) != XlogResourceManager.CHECKPOINT_SHUTDOWN
                    && (ckptRec.info() & 0xF0) != XlogResourceManager.CHECKPOINT_ONLINE)) {
            throw new PgException("PANIC", SqlState.DATA_CORRUPTED, "could not locate a valid checkpoint record",
                    reader.errorMessage(), null, 0, null, null);
        }
        CheckpointData ckpt = CheckpointData.decode(ckptRec.mainData());
        long afterCheckpoint = reader.nextLsn();
        boolean moreAfter = reader.next() != null;
        boolean needRedo = ckpt.redo() < cf.checkPoint() || moreAfter || cf.state() != DbState.SHUTDOWNED;
        LOG.debug("checkpoint record is at {}", Lsn.format(cf.checkPoint()));

        if (!needRedo) {
            return new RecoveryResult(cf.checkPoint(), ckpt.redo(), false, 0, cf.checkPoint(), afterCheckpoint,
                    reader.errorMessage(), ckpt, ckpt.nextOid());
        }
        if (cf.state() != DbState.SHUTDOWNED) {
            LOG.info("database system was not properly shut down; automatic recovery in progress");
        }
        controlFile.write(cf.withState(DbState.IN_CRASH_RECOVERY, Instant.now().getEpochSecond()));

        for (ResourceManager rm : rmgrs.all()) rm.startup();
        reader.seek(ckpt.redo(), 0);
        long replayed = 0;
        long last = 0;
        CheckpointData latest = ckpt;
        int maxOid = ckpt.nextOid();
        var rec = reader.next();
        if (rec == null) {
            throw new PgException("PANIC", SqlState.DATA_CORRUPTED, "could not find redo location referenced by checkpoint record",
                    reader.errorMessage(), null, 0, null, null);
        }
        LOG.info("redo starts at {}", Lsn.format(rec.lsn()));
        while (rec != null) {
            ResourceManager rm = rmgrs.get(rec.rmgrId());
            if (rm == null) {
                throw new PgException("PANIC", SqlState.INTERNAL_ERROR, "resource manager with ID " + rec.rmgrId()
                        + " not registered", null, null, 0, "WAL redo at " + Lsn.format(rec.lsn()), null);
            }
            if (rec.rmgrId() == RmgrIds.XLOG) {
                int info = rec.info() & 0xF0;
                if (info == XlogResourceManager.CHECKPOINT_ONLINE || info == XlogResourceManager.CHECKPOINT_SHUTDOWN) {
                    latest = CheckpointData.decode(rec.mainData());
                    if (Integer.compareUnsigned(latest.nextOid(), maxOid) > 0) maxOid = latest.nextOid();
                } else if (info == XlogResourceManager.NEXTOID && rec.mainData().length >= 4) {
                    int oid = ByteBuffer.wrap(rec.mainData()).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    if (Integer.compareUnsigned(oid, maxOid) > 0) maxOid = oid;
                }
            }
            try {
                rm.redo(rec);
            } catch (RuntimeException e) {
                throw new PgException("PANIC", SqlState.INTERNAL_ERROR, "redo failed: " + e.getMessage(), null, null, 0,
                        "WAL redo at " + Lsn.format(rec.lsn()) + " for " + rm.name(), e);
            }
            replayed++;
            last = rec.lsn();
            rec = reader.next();
        }
        if (reader.errorMessage() != null) LOG.info("{}", reader.errorMessage());
        LOG.info("redo done at {}", Lsn.format(last));
        for (ResourceManager rm : rmgrs.all()) rm.cleanup();
        return new RecoveryResult(cf.checkPoint(), ckpt.redo(), true, replayed, last, reader.nextLsn(),
                reader.errorMessage(), latest, maxOid);
    }
}
