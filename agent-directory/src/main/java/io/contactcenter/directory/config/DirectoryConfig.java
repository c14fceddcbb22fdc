package io.contactcenter.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.ZoneId;
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

    /** How often an open agent stream gets a {@code : keep-alive} comment. */
    @WithDefault("15s")
    Duration streamKeepAlive();

    /** {@code DIRECTORY_TIME_ZONE}: where "today" begins for the agents' day figures. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /**
     * {@code DIRECTORY_DEMO_PASSWORD}: with demo data, Jane's, Joe's and Alice's password (local run only; unset:
     * the demo agents cannot sign in).
     */
    Optional<String> demoPassword();

    Vonage vonage();

    StuckAgents stuckAgents();

    /** No stuck agents ({@code service/StuckAgents}). */
    interface StuckAgents {

        /** How often reservations and long calls are checked. */
        @WithDefault("15s")
        Duration interval();

        /**
         * {@code DIRECTORY_RESERVATION_MARGIN}: a reservation neither answered nor released within its department's
         * ringing timeout plus this is released (routing waits out Vonage's rate limit before the leg rings).
         */
        @WithDefault("2m")
        Duration reservationMargin();

        /**
         * {@code DIRECTORY_ON_CALL_CHECK_AFTER}: an agent ON_CALL for this long has its leg checked with Vonage
         * ({@code GET /v1/calls/{uuid}}), and released when Vonage reports it ended.
         */
        @WithDefault("10m")
        Duration onCallCheckAfter();

        /** How often one such call is checked again while Vonage reports it running. */
        @WithDefault("5m")
        Duration onCallCheckEvery();
    }

    Auth auth();

    SignIn signIn();

    Desk desk();

    /** {@code SURVEY_URL}: survey-service's API, for the agents' average score of the day (unset: no score). */
    Optional<String> surveyUrl();

    /** What the desk page is told ({@code GET /desk/config.json}). */
    interface Desk {

        /** {@code DIRECTORY_DESK_PHONE}: {@code vonage} (the Client SDK) or {@code simulator}. */
        @WithDefault("vonage")
        String phone();

        /** {@code DIRECTORY_DESK_SIMULATOR_URL}: the simulator's API, for {@code phone=simulator}. */
        Optional<String> simulatorUrl();

        /** {@code DIRECTORY_DESK_ROUTING_URL}: routing's base URL for the call controls; unset = the page's origin. */
        Optional<String> routingUrl();
    }

    /** Agents' sign-in: token lifetime and throttling of failed attempts. */
    interface SignIn {

        /** {@code DIRECTORY_AGENT_TOKEN_MINUTES}: lifetime of an agent's sign-in token. */
        @WithDefault("15")
        @Min(1)
        int agentTokenMinutes();

        /** Failed sign-ins per account within {@link #failureWindow()} before it is throttled. */
        @WithDefault("5")
        @Min(1)
        int failuresPerAccount();

        /** Failed sign-ins per client address within {@link #failureWindow()} before it is throttled. */
        @WithDefault("20")
        @Min(1)
        int failuresPerAddress();

        @WithDefault("15m")
        Duration failureWindow();
    }

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

        /**
         * {@code AUTH_SIGNING_KEY_LOCATION}: the issuer's RSA private key (PKCS#8 PEM contents or a path) that signs
         * agents' sign-in tokens; the public half is {@code AUTH_PUBLIC_KEY_LOCATION}. Unset: sign-in answers 503.
         */
        Optional<String> signingKey();
    }

    /** The Vonage application whose private key signs in-app agents' Client SDK tokens. */
    interface Vonage {

        /** {@code VONAGE_APPLICATION_ID}; without it {@code POST /api/jwt} answers 503. */
        Optional<String> applicationId();

        /** {@code VONAGE_PRIVATE_KEY}: PEM contents or a path. */
        Optional<String> privateKey();

        /** {@code VONAGE_API_BASE_URL}: the Voice API, asked whether an ON_CALL agent's leg still runs. */
        @WithDefault("https://api.nexmo.com")
        String apiBaseUrl();

        /** Timeout of one Voice API request. */
        @WithDefault("3000")
        int timeoutMillis();

        /** Lifetime of a Client SDK login token (Vonage allows at most 24 hours). */
        @WithDefault("15m")
        Duration userTokenTtl();
    }
}
