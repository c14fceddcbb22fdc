package io.contactcenter.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the agent directory ({@code directory.*}). */
@ConfigMapping(prefix = "directory")
public interface DirectoryConfig {

    /** After this many unanswered calls in a row an agent is set AWAY, so callers stop waiting on them. */
    @WithDefault("3")
    int noAnswersBeforeAway();

    /** Load the demo departments and agents at start (local run only, never in prod). */
    @WithDefault("false")
    boolean demoData();

    /** How often wrap-ups that have run out are turned back into IDLE, and metrics refreshed. */
    @WithDefault("1s")
    Duration housekeepingInterval();

    Vonage vonage();

    Auth auth();

    Outbound outbound();

    /** In-app agents' outbound calls, which go out from the contact-center number at our expense. */
    interface Outbound {

        /**
         * {@code DIRECTORY_OUTBOUND_PREFIXES}: the E.164 prefixes (without {@code +}) agents may call, e.g.
         * {@code 44,1}.
         * None: no outbound calls at all, since the countries a contact center calls are its own business.
         */
        Optional<List<String>> prefixes();

        /** {@code DIRECTORY_OUTBOUND_DAILY_CAP}: outbound calls per agent and UTC day. */
        @WithDefault("100")
        @Min(1)
        int dailyCap();
    }

    /**
     * The calling services' RSA public keys (PEM contents or a path), each trusted for that service's role only. A
     * service without a key cannot call the directory.
     */
    interface Auth {

        /** {@code AUTH_GATEWAY_PUBLIC_KEY}. */
        Optional<String> gatewayPublicKey();

        /** {@code AUTH_ROUTING_PUBLIC_KEY}. */
        Optional<String> routingPublicKey();

        /** {@code AUTH_SURVEY_PUBLIC_KEY}. */
        Optional<String> surveyPublicKey();
    }

    /** The Vonage application whose private key signs in-app agents' Client SDK tokens. */
    interface Vonage {

        /** {@code VONAGE_APPLICATION_ID}; without it {@code POST /api/jwt} answers 503. */
        Optional<String> applicationId();

        /** {@code VONAGE_PRIVATE_KEY}: PEM contents or a path. */
        Optional<String> privateKey();

        /** Lifetime of a Client SDK login token (Vonage allows at most 24 hours). */
        @WithDefault("15m")
        Duration userTokenTtl();
    }
}
