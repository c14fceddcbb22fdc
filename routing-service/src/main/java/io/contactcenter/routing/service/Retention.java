package io.contactcenter.routing.service;

import io.contactcenter.routing.config.RetentionConfig;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.support.retention.RetentionBatches;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Routing's retention job: a finished call's ({@code DONE}, {@code OVERFLOW}) caller and callback numbers are masked
 * {@code mask-after} after it ended; finished calls with their attempts, transfers, monitors and idempotent answers
 * are deleted {@code calls} after they ended, consumed-record ids after {@code processed-events}. A call in progress
 * or a callback still to be dialled is never touched. Recordings are deleted {@code routing.recording.retention-days}
 * after they started. Bounded batches with SKIP LOCKED ({@link RetentionBatches}):
 * replicas running it at once share the rows. (The outbox needs none: a record is deleted once Kafka acknowledged it.)
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final String ENDED_BEFORE = "state in ('DONE', 'OVERFLOW') and updated_at < ?";
    /** Tables whose rows belong to one call and go with it. */
    private static final List<String> CALL_ROWS =
            List.of("attempt", "call_transfer", "call_monitor", "idempotent_request");

    private final RetentionConfig config;
    private final RetentionBatches batches;
    private final Duration recordings;

    public Retention(DataSource dataSource, RetentionConfig config, RoutingConfig routing) {
        this.config = config;
        this.recordings = Duration.ofDays(routing.recording().retentionDays());
        this.batches = new RetentionBatches(dataSource, config.batchSize());
    }

    @Scheduled(identity = "routing-retention", every = "${routing.retention.interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Routing retention failed; it runs again at the next tick");
        }
    }

    /** One pass: masks, then deletes, until nothing due is left (rows other replicas hold are left to them). */
    public void runOnce() {
        Instant now = Instant.now();
        // updated_at stays as it was: a call's age counts from its end
        int masked = batches.mask("routed_call", "call_id", List.of("caller_number", "callback_number"),
                ENDED_BEFORE, now.minus(config.maskAfter()));
        int calls = batches.delete("routed_call", "call_id", ENDED_BEFORE, now.minus(config.calls()), CALL_ROWS);
        int ids = batches.delete("processed_event", "event_id", "processed_at < ?",
                now.minus(config.processedEvents()), List.of());
        int recorded = batches.delete("call_recording", "recording_uuid", "started_at < ?",
                now.minus(recordings), List.of());
        if (masked + calls + ids + recorded > 0) {
            LOG.infof("Retention: %d finished calls masked, %d deleted, %d consumed-record ids deleted, %d recordings"
                    + " deleted", masked, calls, ids, recorded);
        }
    }
}
