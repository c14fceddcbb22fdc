package io.contactcenter.wallboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** The wallboard's configuration (application.properties, section by section). */
@ConfigMapping(prefix = "wallboard")
public interface WallboardConfig {

    /** The time zone whose calendar day "today" is. */
    @WithDefault("UTC")
    ZoneId zone();

    ServiceLevel serviceLevel();

    Streams streams();

    Thresholds thresholds();

    /** The agent directory, whose {@code POST /auth/sign-in} the page's sign-in form reaches through this service. */
    String directoryUrl();

    /** Routing's base URL for the supervisor page's call controls (CORS); unset = the page's own origin. */
    Optional<String> routingUrl();

    /** How often a live page's stream looks for changed figures (the page sees a change within this plus a commit). */
    @WithDefault("250ms")
    Duration pushInterval();

    interface ServiceLevel {
        /** The target answer time of a department without its own. */
        @WithDefault("20s")
        Duration defaultTarget();

        /** Per department id, its own target. */
        Map<String, Duration> targets();

        default Duration targetOf(String department) {
            return targets().getOrDefault(department, defaultTarget());
        }
    }

    interface Streams {
        /** The Kafka Streams application id: consumer group and prefix of the internal topics. */
        @WithDefault("wallboard")
        String applicationId();

        /**
         * host:port other instances reach this one's read API at (interactive queries across instances); by default
         * this host's address and the HTTP port (in Kubernetes: the pod's IP).
         */
        Optional<String> applicationServer();

        /** Where the state stores live (restored from their changelog topics when empty). */
        Path stateDir();

        /** A call's state is kept this long after its last record: the window in which a redelivery is recognized. */
        @WithDefault("P2D")
        Duration callRetention();

        /** Create the four source topics when missing (local run and tests; in Kubernetes Strimzi owns them). */
        @WithDefault("false")
        boolean createSourceTopics();

        /** Partitions of source topics created by {@link #createSourceTopics()}. */
        @WithDefault("6")
        int sourcePartitions();

        /** Standby copies of each store on other instances, for a fast take-over. */
        @WithDefault("0")
        int standbyReplicas();

        /** Replication factor of the internal (changelog, repartition) topics; -1: the broker's default. */
        @WithDefault("-1")
        int replicationFactor();
    }

    /**
     * Colours of the page's figures: a figure is red beyond {@code red}, amber beyond {@code amber}, else green. For
     * figures where more is better (service level, CSAT) "beyond" means below.
     */
    interface Thresholds {
        Threshold waiting();

        Threshold longestWaitSeconds();

        Threshold serviceLevel();

        Threshold abandonmentRate();

        Threshold csat();
    }

    interface Threshold {
        double amber();

        double red();
    }
}
