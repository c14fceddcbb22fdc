package io.contactcenter.survey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How long settled journeys, survey outcomes and consumed-record ids are kept, and when a settled journey's caller
 * number is masked ({@code service/Retention}, one scheduled job per replica; batches of rows locked with SKIP LOCKED).
 */
@ConfigMapping(prefix = "survey.retention")
public interface RetentionConfig {

    /** {@code SURVEY_RETENTION_INTERVAL}: how often the job runs. */
    @WithDefault("1m")
    Duration interval();

    /**
     * {@code SURVEY_RETENTION_MASK_AFTER}: how long after a journey was settled (nothing more to transfer) its caller
     * number is masked in place (the first and last four digits kept, as on {@code survey-results}).
     */
    @WithDefault("5m")
    Duration maskAfter();

    /** {@code SURVEY_RETENTION_JOURNEYS}: settled journeys are deleted this long after their last change. */
    @WithDefault("90d")
    Duration journeys();

    /** {@code SURVEY_RETENTION_RESPONSES}: published survey outcomes are deleted this long after the survey. */
    @WithDefault("90d")
    Duration responses();

    /** {@code SURVEY_RETENTION_PROCESSED_EVENTS}: ids of consumed records (redeliveries come within minutes). */
    @WithDefault("7d")
    Duration processedEvents();

    /** {@code SURVEY_RETENTION_BATCH_SIZE}: rows per transaction. */
    @WithDefault("500")
    @Min(1)
    int batchSize();
}
