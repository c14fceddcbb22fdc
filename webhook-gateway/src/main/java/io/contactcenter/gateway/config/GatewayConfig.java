package io.contactcenter.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything the gateway is configured with ({@code gateway.*}; environment names in the README). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Where Vonage reaches this gateway ({@code GATEWAY_PUBLIC_URL}), e.g. {@code https://cc.example.com}. */
    String publicUrl();

    /** The contact-center number ({@code VONAGE_NUMBER}): caller id of calls the gateway connects. */
    String vonageNumber();

    /**
     * Key of the HMAC over our own webhook URL parameters ({@code WEBHOOK_SIGNING_KEY}, at least 32 characters),
     * shared with routing and survey, which build gateway URLs too.
     */
    String webhookSigningKey();

    Signature signature();

    Webhook webhook();

    Menu menu();

    Degraded degraded();

    Survey survey();

    AgentCall agentCall();

    Hours hours();

    Kafka kafka();

    Directory directory();

    /** Signed-webhook verification. */
    interface Signature {
        /** Verify Vonage's signed webhooks ({@code GATEWAY_SIGNATURE_CHECK}); only a local demo turns this off. */
        @WithDefault("true")
        boolean enabled();

        /** The account signature secret ({@code VONAGE_SIGNATURE_SECRET}); required while verification is on. */
        Optional<String> secret();

        /**
         * Our Vonage application ({@code VONAGE_APPLICATION_ID}): a token whose {@code application_id} names another
         * application of the account (same signature secret) is refused. Unset: the claim is not compared.
         */
        Optional<String> applicationId();

        /** Oldest accepted token ({@code iat} age). */
        @WithDefault("PT5M")
        Duration maxAge();

        /** How far in the future an {@code iat} may be (clock skew). */
        @WithDefault("PT10S")
        Duration futureSkew();

        /**
         * Most tokens remembered at once for the replay rule (each for max-age + future-skew, about 200 bytes);
         * while it is full, webhooks with new tokens get 503 rather than live tokens being forgotten.
         */
        @WithDefault("200000")
        @Min(100)
        int replayCapacity();
    }

    interface Webhook {
        /** Largest accepted request body; larger bodies get 413. */
        @WithDefault("65536")
        @Min(1024)
        int maxBodyBytes();
    }

    /** The IVR menu. Placeholders: {name} = spoken name of a department, {digit} = its key. */
    interface Menu {
        @WithDefault("Thank you for calling.")
        String greeting();

        /** One menu option; options are joined with ", " and the first letter is capitalised. */
        @WithDefault("for {name} press {digit}")
        String option();

        @WithDefault("Sorry, I did not understand that.")
        String retryPrompt();

        @WithDefault("We could not understand your choice. Goodbye.")
        String goodbye();

        @WithDefault("Please wait while we connect you to {name}")
        String connecting();

        /** Said when no department is known at all (directory never reached, no fallback menu). */
        @WithDefault("We are sorry, our service is not available right now. Please call again later.")
        String unavailable();

        /** Seconds the caller has to press a key (1..10). */
        @WithDefault("5")
        @Min(1)
        @Max(10)
        int inputTimeoutSeconds();

        /** Menu attempts before the goodbye. */
        @WithDefault("3")
        @Min(1)
        @Max(10)
        int maxAttempts();

        /**
         * Hold music of callers whose department names none of its own ({@code GATEWAY_MUSIC_ON_HOLD_URL}); absent:
         * the built-in track at {@code <public-url>/audio/hold.wav}. A department may also switch music off.
         */
        Optional<String> musicOnHoldUrl();

        /** Menu used while the directory was never reached: entries {@code digit:departmentId:Spoken Name}. */
        Optional<List<String>> fallbackDepartments();
    }

    /** What a caller gets when the route request cannot be delivered. */
    interface Degraded {
        /** Number to connect callers to while routing is unreachable ({@code FALLBACK_NUMBER}). */
        Optional<String> fallbackNumber();

        @WithDefault("We are sorry, we cannot connect you to an agent right now. Please call again later.")
        String apology();

        @WithDefault("Please hold while we transfer your call.")
        String transferring();
    }

    interface Survey {
        @WithDefault("Thank you for your feedback. Goodbye.")
        String thankYou();

        @WithDefault("Sorry, please rate our service with a number from 1 to 5.")
        String retryPrompt();

        @WithDefault("Thank you. Goodbye.")
        String goodbye();

        @WithDefault("5")
        @Min(1)
        @Max(10)
        int inputTimeoutSeconds();
    }

    /** Outbound calls placed by in-app agents through the answer webhook. */
    interface AgentCall {
        @WithDefault("Connecting your call.")
        String connecting();

        /** Said when the directory refuses the call (or cannot be asked); nothing is dialled. */
        @WithDefault("Sorry, you are not allowed to place calls from this application.")
        String refusal();
    }

    /**
     * Outside a department's opening hours. Placeholders: {name} = spoken name, {when} = the next opening in words in
     * the department's zone ("on Monday at nine a.m.").
     */
    interface Hours {
        @WithDefault("{name} is closed right now. We open again {when}.")
        String closed();

        /** No opening within a year (e.g. no weekly hours at all). */
        @WithDefault("{name} is closed right now.")
        String closedUntilFurtherNotice();

        @WithDefault("Please leave a message after the tone, and press the pound key when you have finished.")
        String voicemailPrompt();

        @WithDefault("Thank you for your message. Goodbye.")
        String voicemailThanks();

        /** The closed department's choice when it takes messages; a callback is made at the opening said before. */
        @WithDefault("Press 1 to be called back when we open, or press 2 to leave a message.")
        String callbackOrVoicemail();

        /** The closed department's choice when it takes no messages. */
        @WithDefault("Press 1 to be called back when we open.")
        String callbackOnly();

        /** Said instead of the voicemail prompt when the department takes no messages. */
        @WithDefault("Please call again when we are open. Goodbye.")
        String goodbye();

        /** Every department of the menu is closed: said instead of the menu, then the call ends. */
        @WithDefault("Thank you for calling. We are closed right now. We open again {when}. Goodbye.")
        String allClosed();

        @WithDefault("Thank you for calling. We are closed right now. Please call again later. Goodbye.")
        String allClosedUntilFurtherNotice();

        /** Longest message ({@code record} timeOut, 3..7200 s). */
        @WithDefault("120")
        @Min(3)
        @Max(7200)
        int voicemailMaxSeconds();
    }

    interface Kafka {
        /** How long a status event waits for the broker's acknowledgement before answering 503. */
        @WithDefault("PT2S")
        Duration ackTimeout();

        /** How long the input webhook waits for the route request's acknowledgement before going degraded. */
        @WithDefault("PT1.5S")
        Duration routeAckTimeout();

        /** The journal of call events the broker did not acknowledge in time (messaging/EventJournal). */
        Buffer buffer();

        interface Buffer {
            /**
             * {@code GATEWAY_BUFFER_DIR}: the folder of the journal; it must survive what the events should survive (on
             * Kubernetes an emptyDir volume: container restarts, not the pod's deletion).
             */
            String dir();

            /** {@code GATEWAY_BUFFER_MAX_BYTES}: the journal file's largest size; beyond it events are refused (503). */
            @WithDefault("268435456")
            @Min(65536)
            long maxBytes();

            /** Pause between sends of the journal while the broker still refuses them. */
            @WithDefault("PT1S")
            Duration retryDelay();

            /** Events sent from the journal at once, in order. */
            @WithDefault("500")
            @Min(1)
            int batch();
        }

        /** Producer timeouts: how long a send may block, wait for one request, and try in total. */
        Producer producer();

        interface Producer {
            @WithDefault("1000")
            int maxBlockMs();

            @WithDefault("2000")
            int requestTimeoutMs();

            @WithDefault("4000")
            int deliveryTimeoutMs();
        }
    }

    interface Directory {
        /** How often the menu is re-read from the directory (a Quarkus scheduler interval, e.g. 30s). */
        @WithDefault("30s")
        String refreshEvery();
    }
}
