package io.contactcenter.survey.service;

import io.contactcenter.support.retention.RetentionBatches;
import io.contactcenter.survey.config.RetentionConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The survey service's retention job. A journey is settled once its survey is decided ({@code DONE}, {@code SKIPPED},
 * {@code FAILED}) or its caller left, and no transfer (survey or closing) is still to be made for it: its caller number
 * is masked {@code mask-after} later, and the journey is deleted {@code journeys} after its last change. Published
 * outcomes go {@code responses} after their survey (their number was masked when recorded; an unpublished one stays
 * until it is published), consumed-record ids after {@code processed-events}. Bounded batches with SKIP LOCKED
 * ({@link RetentionBatches}): replicas running it at once share the rows.
 */
@ApplicationScoped
public class Retention {

    private static final String SETTLED_BEFORE = "(survey_state in ('DONE', 'SKIPPED', 'FAILED')"
            + " or caller_final_seen_at is not null)"
            + " and not exists (select 1 from pending_transfer p where p.call_id = journey.call_id)"
            + " and updated_at < ?";

    private final RetentionConfig config;
    private final RetentionBatches batches;

    public Retention(DataSource dataSource, RetentionConfig config) {
        this.config = config;
        this.batches = new RetentionBatches(dataSource, config.batchSize());
    }

    @Scheduled(identity = "survey-retention", every = "${survey.retention.interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            Log.warnf(e, "Survey retention failed; it runs again at the next tick");
        }
    }

    /** One pass: masks, then deletes, until nothing due is left (rows other replicas hold are left to them). */
    public void runOnce() {
        Instant now = Instant.now();
        // updated_at stays as it was: a journey's age counts from its last real change
        int masked = batches.mask("journey", "call_id", List.of("caller_number"), SETTLED_BEFORE,
                now.minus(config.maskAfter()));
        int journeys = batches.delete("journey", "call_id", SETTLED_BEFORE, now.minus(config.journeys()), List.of());
        int responses = batches.delete("survey_response", "call_id", "published_at is not null and survey_at < ?",
                now.minus(config.responses()), List.of());
        int ids = batches.delete("processed_event", "event_id", "processed_at < ?",
                now.minus(config.processedEvents()), List.of());
        if (masked + journeys + responses + ids > 0) {
            Log.infof("Retention: %d settled journeys masked, %d deleted, %d survey outcomes and %d consumed-record"
                    + " ids deleted", masked, journeys, responses, ids);
        }
    }
}
