package io.contactcenter.simulator.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the simulator is told from outside (see the module README for the environment names). */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** The application's answer webhook (GET with query parameters). */
    String answerUrl();

    /** The application's event webhook (POST JSON). */
    String eventUrl();

    /** Optional fallback answer webhook. */
    Optional<String> fallbackAnswerUrl();

    /** The account signature secret that signs every webhook (HS256). */
    String signatureSecret();

    /** The Vonage application id expected in REST JWTs and put into webhook JWTs. */
    String applicationId();

    /** PEM (public key, or the application private key) or a path to one; verifies REST JWTs. */
    String applicationPublicKey();

    /** The account api key put into webhook JWTs. */
    @WithDefault("simulator")
    String apiKey();

    /** The account api secret: with the api key, HTTP Basic credentials of the Applications and Numbers APIs. */
    @WithDefault("simulator-secret")
    String apiSecret();

    /** The contact-center number callers dial. */
    @WithDefault("447700900000")
    String number();

    /** The simulator's own URL, sent as region_url in answer webhooks when set (single-region mode). */
    Optional<String> regionUrl();

    /**
     * Regions as {@code name=url} (e.g. {@code us=http://127.0.0.1:8090}); the request's host tells which region
     * a Voice API request went through. None = one region without affinity checks.
     */
    Optional<List<String>> regions();

    /** How inbound calls that ask for no region are placed: {@code round-robin} or {@code first}. */
    @WithDefault("round-robin")
    String regionPlacement();

    /** Simulated seconds per real second. */
    @WithDefault("1")
    double timeFactor();

    /** Outbound creates per second before 429 (0 = unlimited). */
    @WithDefault("0")
    int createsPerSecond();

    /** Seconds a talk takes per word (simulated). */
    @WithDefault("0.3")
    double talkSecondsPerWord();

    /** Seconds one loop of a stream takes (simulated). */
    @WithDefault("5")
    double streamSeconds();

    Webhook webhook();

    Agents agents();

    interface Webhook {
        /** Attempts per URL (Vonage: the request and one retry). */
        @WithDefault("2")
        int attempts();

        /** Real milliseconds between attempts. */
        @WithDefault("1000")
        long retryDelayMillis();

        @WithDefault("3000")
        int connectTimeoutMillis();

        /** Answer / fallback / NCCO-returning webhooks. */
        @WithDefault("5000")
        int answerTimeoutMillis();

        /** Status events. */
        @WithDefault("10000")
        int eventTimeoutMillis();
    }

    interface Agents {
        /** How an endpoint nobody registered behaves: answer, never, busy, reject, fail, manual. */
        @WithDefault("answer")
        String defaultBehaviour();

        @WithDefault("2")
        double defaultAnswerAfterSeconds();
    }
}
