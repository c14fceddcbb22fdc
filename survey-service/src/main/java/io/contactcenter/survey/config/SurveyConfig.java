package io.contactcenter.survey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The survey service's settings ({@code survey.*}, mapped from the environment in application.properties). */
@ConfigMapping(prefix = "survey")
public interface SurveyConfig {

    Vonage vonage();


    Transfer transfer();

    Publish publish();

    Consume consume();

    /** {@code GATEWAY_PUBLIC_URL}: where Vonage reaches the gateway; the survey input goes to {@code /webhooks/survey} there. */
    String gatewayPublicUrl();

    /** What the caller hears before pressing a digit. */
    String prompt();

    /**
     * What a caller who gets no survey (switched off for the department, or its transfer given up) hears after the
     * agent hung up, before the call ends: nobody is left alone in the conversation.
     */
    String closing();

    /** Seconds Vonage waits for the digit ({@code input.dtmf.timeOut}, 1..10). */
    @WithDefault("5")
    int inputTimeoutSeconds();

    /**
     * How long an offered survey waits for a late SURVEY_INPUT event after the caller's leg ended before it is
     * recorded as CALLER_HUNG_UP (Vonage does not guarantee the order of its webhooks).
     */
    @WithDefault("5s")
    Duration hangupGrace();

    /**
     * How long an offered survey may go without any outcome (no input, no caller hang-up: their webhooks were lost)
     * before it is ended as NO_INPUT, when the reconciler could not settle it against Vonage. Far above prompt + two
     * input timeouts, and above {@code SURVEY_RECONCILER_OFFERED_AFTER}: a caller's score held back by a Kafka outage
     * (in the gateway's journal) must still find the survey offered.
     */
    @WithDefault("30m")
    Duration offerTimeout();

    interface Vonage {
        /** {@code VONAGE_APPLICATION_ID}. */
        String applicationId();

        /** {@code VONAGE_PRIVATE_KEY}: PEM contents or the path of a PEM file. */
        String privateKey();

        /** {@code VONAGE_API_BASE_URL}, used when the call's region is not known or not allow-listed. */
        @WithDefault("https://api.nexmo.com")
        String apiBaseUrl();

        /**
         * {@code VONAGE_REGION_ALLOWLIST}: the only {@code scheme://host[:port]} patterns a call's {@code region_url}
         * may have to be used instead of {@link #apiBaseUrl()} (default: Vonage's documented API hosts).
         */
        @WithDefault("https://api.nexmo.com,https://api-*.nexmo.com,https://api-*.vonage.com")
        List<String> regionAllowlist();

        @WithDefault("5s")
        Duration timeout();
    }

    interface Transfer {
        /** How often idle transfer workers look for retries that became due (new transfers wake them at once). */
        @WithDefault("250ms")
        Duration pollInterval();

        /** Threads making survey transfers (each Voice API request runs outside any transaction). */
        @WithDefault("2")
        int workers();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /** Transfers still failing (429/5xx/timeout) this long after the agent hung up are given up. */
        @WithDefault("2m")
        Duration giveUpAfter();

        /** How long one instance owns a due transfer while it calls Vonage. */
        @WithDefault("30s")
        Duration lease();

        @WithDefault("20")
        int batchSize();
    }

    interface Consume {
        /** First wait before a consumed record whose application failed transiently is tried again. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** The wait doubles up to this, for as long as the failure lasts. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    interface Publish {
        /** How often the idle publisher looks for unpublished outcomes (new outcomes wake it at once). */
        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("100")
        int batchSize();

        /** The longest wait for Kafka to acknowledge a batch's records before it is rolled back and sent again. */
        @WithDefault("10s")
        Duration ackTimeout();
    }
}
