package io.contactcenter.directory.service;

import io.contactcenter.directory.config.RetentionConfig;
import io.contactcenter.support.retention.RetentionBatches;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The directory's retention job: numbers of calls that are over are masked in place — a released assignment's caller
 * (the screen pop) and an ended outbound call's number {@code mask-after} later, a voicemail's number (what the
 * department calls back) {@code voicemail-mask-after} after it arrived — and call records are deleted {@code calls}
 * after the call: released assignments, outbound calls, dispositions, voicemails. A live assignment (reserved, on call)
 * and its outbound call are never touched. Bounded batches with SKIP LOCKED ({@link RetentionBatches}): replicas
 * running it at once share the rows. (The {@code agent-activity} outbox needs none: a record is deleted once Kafka
 * acknowledged it.)
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final String RELEASED_BEFORE = "state = 'RELEASED' and released_at < ?";
    private static final String OUTBOUND_ENDED_BEFORE = "allowed_at < ? and not exists (select 1 from"
            + " directory.assignment a where a.call_id = outbound_call.call_id and a.state <> 'RELEASED')";

    private final RetentionConfig config;
    private final RetentionBatches batches;

    public Retention(DataSource dataSource, RetentionConfig config) {
        this.config = config;
        this.batches = new RetentionBatches(dataSource, config.batchSize());
    }

    @Scheduled(identity = "directory-retention", every = "${directory.retention.interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Directory retention failed; it runs again at the next tick");
        }
    }

    /** One pass: masks, then deletes, until nothing due is left (rows other replicas hold are left to them). */
    public void runOnce() {
        Instant now = Instant.now();
        Instant maskBefore = now.minus(config.maskAfter());
        int masked = batches.mask("directory.assignment", "id", List.of("caller_number"), RELEASED_BEFORE, maskBefore)
                + batches.mask("directory.outbound_call", "call_id", List.of("to_number"), OUTBOUND_ENDED_BEFORE,
                        maskBefore)
                + batches.mask("directory.voicemail", "id", List.of("caller_number"), "received_at < ?",
                        now.minus(config.voicemailMaskAfter()));
        Instant keptFrom = now.minus(config.calls());
        int deleted = batches.delete("directory.assignment", "id", RELEASED_BEFORE, keptFrom, List.of())
                + batches.delete("directory.outbound_call", "call_id", OUTBOUND_ENDED_BEFORE, keptFrom, List.of())
                + batches.delete("directory.disposition", "call_id", "recorded_at < ?", keptFrom, List.of())
                + batches.delete("directory.voicemail", "id", "received_at < ?", keptFrom, List.of());
        if (masked + deleted > 0) {
            LOG.infof("Retention: %d numbers of ended calls masked, %d call records deleted", masked, deleted);
        }
    }
}
