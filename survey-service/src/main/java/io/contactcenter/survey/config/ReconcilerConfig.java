package io.contactcenter.survey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * When a journey still waiting for its caller is checked with Vonage ({@code service/Reconciler}): the caller's end
 * may have been lost (a webhook Vonage gave up on), and nothing else would settle the journey.
 */
@ConfigMapping(prefix = "survey.reconciler")
public interface ReconcilerConfig {

    /** {@code SURVEY_RECONCILER_INTERVAL}: how often due journeys are looked for. */
    @WithDefault("30s")
    Duration interval();

    /**
     * {@code SURVEY_RECONCILER_OFFERED_AFTER}: an offered survey with neither an input nor the caller's hang-up this
     * long after the transfer, and again after each such period. A survey takes well under a minute, but its input and
     * hang-up can arrive much later: during a Kafka outage they wait in the gateway's journal. Vonage then already
     * reports the leg ended, so a check made before the journal drains would settle a rated survey as
     * {@code CALLER_HUNG_UP}. This is therefore the longest Kafka outage that changes no survey outcome (and stays
     * below {@code SURVEY_OFFER_TIMEOUT}).
     */
    @WithDefault("15m")
    Duration offeredAfter();

    /**
     * {@code SURVEY_RECONCILER_OPEN_AFTER}: a journey without a survey decision whose caller has not hung up this long
     * after it began (a caller still waiting or talking is asked about again after each such period).
     */
    @WithDefault("1h")
    Duration openAfter();
}
