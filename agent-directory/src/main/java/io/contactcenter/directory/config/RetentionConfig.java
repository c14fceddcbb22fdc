package io.contactcenter.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How long the directory keeps call records (released assignments, agents' outbound calls, dispositions, voicemails)
 * and when their numbers are masked ({@code service/Retention}, one scheduled job per replica; batches of rows locked
 * with SKIP LOCKED).
 */
@ConfigMapping(prefix = "directory.retention")
public interface RetentionConfig {

    /** {@code DIRECTORY_RETENTION_INTERVAL}: how often the job runs. */
    @WithDefault("1m")
    Duration interval();

    /**
     * {@code DIRECTORY_RETENTION_MASK_AFTER}: how long after an assignment was released (the caller's number of the
     * screen pop) or an agent's outbound call ended (the number called) the number is masked in place.
     */
    @WithDefault("5m")
    Duration maskAfter();

    /**
     * {@code DIRECTORY_RETENTION_VOICEMAIL_MASK_AFTER}: a voicemail's number is what the department calls back, so it
     * stays in clear this long after the message arrived.
     */
    @WithDefault("30d")
    Duration voicemailMaskAfter();

    /** {@code DIRECTORY_RETENTION_CALLS}: released assignments, outbound calls, dispositions and voicemails. */
    @WithDefault("90d")
    Duration calls();

    /** {@code DIRECTORY_RETENTION_BATCH_SIZE}: rows per transaction. */
    @WithDefault("500")
    @Min(1)
    int batchSize();
}
