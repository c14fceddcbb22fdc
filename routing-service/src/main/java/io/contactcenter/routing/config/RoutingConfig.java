package io.contactcenter.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the routing service ({@code routing.*} in application.properties). */
@ConfigMapping(prefix = "routing")
public interface RoutingConfig {

    /** {@code GATEWAY_PUBLIC_URL}: where Vonage reaches the gateway; agent legs report to its /webhooks/event. */
    String gatewayPublicUrl();

    /** {@code WEBHOOK_SIGNING_KEY}: signs our parameters in the gateway URLs we hand to Vonage (shared with the gateway). */
    String webhookSigningKey();

    Vonage vonage();

    Queue queue();

    Retry retry();

    Overflow overflow();

    Announcement announcement();

    Callback callback();

    Recording recording();

    Transfer transfer();

    interface Transfer {
        /** What the caller hears when Vonage refused to connect them to a cold transfer's number; then the call ends. */
        @WithDefault("We could not connect your call. Goodbye.")
        String numberFailedText();
    }

    interface Vonage {
        /** {@code VONAGE_APPLICATION_ID}. */
        String applicationId();

        /** {@code VONAGE_PRIVATE_KEY}: PEM contents or a path. */
        String privateKey();

        /** {@code VONAGE_API_BASE_URL}: used when a call's region is unknown. */
        @WithDefault("https://api.nexmo.com")
        String apiBaseUrl();

        /**
         * {@code VONAGE_REGION_ALLOWLIST}: the only {@code scheme://host[:port]} patterns a call's {@code region_url}
         * may have to be used instead of {@link #apiBaseUrl()} (default: Vonage's documented API hosts).
         */
        @WithDefault("https://api.nexmo.com,https://api-*.nexmo.com,https://api-*.vonage.com")
        List<String> regionAllowlist();

        /** {@code VONAGE_NUMBER}: the contact-center number agent legs are called from. */
        String number();

        /** Connect/read timeout of one Voice API request. */
        @WithDefault("5000")
        int timeoutMillis();

        /** Client-side limit of agent legs created per second by this replica (Vonage: about 3/s per account). */
        @WithDefault("3")
        double createCallsPerSecond();
    }

    interface Queue {
        /**
         * How often idle workers look for due calls, tasks and assignments to publish (new work wakes them at
         * once; this catches time-based work such as retries and timeouts).
         */
        @WithDefault("250ms")
        Duration pollInterval();

        /** Threads serving the waiting queue (claims and agent-leg creations run in parallel across calls). */
        @WithDefault("4")
        int workers();

        /**
         * How many of a department's oldest waiting calls are offered an agent at once while agents are free. As
         * soon as one of them finds nobody free, only the oldest is served until it gets an agent (arrival order).
         */
        @WithDefault("4")
        @Min(1)
        int claimWindow();

        /** How long a waiting call waits before the directory is asked again for a free agent. */
        @WithDefault("1s")
        Duration reclaimInterval();

        /** Calls handled per poll. */
        @WithDefault("20")
        int batchSize();

        /**
         * After an agent is claimed, how long before another worker may (re)create the agent leg if this one did
         * not finish (crash between claim and createCall).
         */
        @WithDefault("10s")
        Duration legCreationLease();

        /**
         * A claim older than this when its agent's leg is to be created (a callback that rang the caller first, the
         * Voice API failing) is renewed with the directory first: its stuck-agent bound may have released the agent
         * to another call meanwhile.
         */
        @WithDefault("30s")
        Duration reservationRenewAfter();

        /**
         * How long after the department's ringing timeout a ringing agent leg without any final event is given up
         * (hung up, released NO_ANSWER, next agent): a lost webhook never strands a caller.
         */
        @WithDefault("30s")
        Duration ringingGrace();

        /**
         * How long a call may stay connected before routing asks Vonage whether the agent's leg is still up (and
         * again after each such period): when the leg's {@code completed} webhook was lost, the call is finished and
         * the agent released instead of staying ON_CALL forever.
         */
        @WithDefault("30m")
        Duration connectedCheckAfter();

        /** Used until the department's own settings are known (directory unreachable). */
        @WithDefault("120")
        int defaultMaxWaitSeconds();
    }

    interface Retry {
        /** First back-off after a retryable failure (429, 5xx, timeout, directory down). */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Ceiling of the exponential back-off. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    interface Overflow {
        /** What the caller hears when no agent took the call within the department's max wait. */
        @WithDefault("We are sorry, all our agents are busy. Please call again later. Goodbye.")
        String text();

        /** Record a voicemail after the apology; the recording event goes to the gateway's event webhook. */
        @WithDefault("false")
        boolean recordVoicemail();

        /** Optional text-to-speech language code (e.g. en-GB). */
        Optional<String> language();
    }

    /** What waiting callers hear about their place in line (every {@code announcementIntervalSeconds} of the department). */
    interface Announcement {
        /** Said to the caller at the head of the queue. */
        @WithDefault("You are next.")
        String nextText();

        /** Said to the others: {@code {place}} is their place, {@code {wait}} the expected wait in minutes. */
        @WithDefault("You are number {place} in line. The expected wait is about {wait}.")
        String placeText();

        /** How far back the department's conversations count for the expected wait. */
        @WithDefault("15m")
        Duration estimateWindow();

        /** The handle time assumed while the department had no conversation within the window. */
        @WithDefault("3m")
        Duration defaultHandleTime();
    }

    /** Callbacks that keep the caller's place (the department sets when they are offered and how often retried). */
    interface Callback {
        /** The offer, said before the one-key input whose answer goes to the gateway's {@code /webhooks/callback}. */
        @WithDefault("Press 1 to be called back; you keep your place in line.")
        String offerText();

        /** Seconds the offer's input waits for the key. */
        @WithDefault("5")
        @Min(1)
        int offerInputSeconds();

        /** How long after the offer no place-in-line announcement is made (the caller is in the dialogue). */
        @WithDefault("45s")
        Duration dialogueTime();

        /**
         * How long after the dialogue's time a call whose caller was offered a callback waits for its overflow while
         * routing cannot tell whether it has read every record of the call (a request the gateway confirmed may be in
         * Kafka, unread while the broker is away); then it overflows anyway. As long as survey's reconciler waits.
         */
        @WithDefault("15m")
        Duration unreadRequestWait();

        /** What the caller hears on answering the callback, before they wait for the agent in the conversation. */
        @WithDefault("Hello, this is the contact center calling you back, as you asked. Please hold while we connect you.")
        String greeting();

        /** How long the callback leg rings. */
        @WithDefault("30s")
        Duration ringingTimeout();

        /** How long after an unanswered callback the caller is called again. */
        @WithDefault("2m")
        Duration retryGap();

        /** Retries of a callback requested without the department's setting (never offered by routing). */
        @WithDefault("2")
        int defaultRetries();
    }

    /** Call recording (a department's mode {@code on}, or {@code on-request} and its agent asked). */
    interface Recording {
        /** {@code ROUTING_RECORDING_ANNOUNCEMENT}: what the caller hears before the recording starts. */
        @WithDefault("This call is recorded for quality and training.")
        String announcement();

        /** {@code ROUTING_RECORDING_RETENTION_DAYS}: recordings are listed this many days after they started. */
        @WithDefault("90")
        @Min(1)
        int retentionDays();
    }
}
