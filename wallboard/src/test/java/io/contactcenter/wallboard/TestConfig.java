package io.contactcenter.wallboard;

import io.contactcenter.wallboard.config.WallboardConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** A {@link WallboardConfig} for tests that build the topology without Quarkus. */
public record TestConfig(ZoneId zone, Map<String, Duration> targets) implements WallboardConfig {

    @Override
    public ServiceLevel serviceLevel() {
        return new ServiceLevel() {
            @Override
            public Duration defaultTarget() {
                return Duration.ofSeconds(20);
            }

            @Override
            public Map<String, Duration> targets() {
                return targets;
            }
        };
    }

    @Override
    public Streams streams() {
        return new Streams() {
            @Override
            public String applicationId() {
                return "wallboard-test";
            }

            @Override
            public Optional<String> applicationServer() {
                return Optional.empty();
            }

            @Override
            public Path stateDir() {
                return Path.of(System.getProperty("java.io.tmpdir"));
            }

            @Override
            public Duration callRetention() {
                return Duration.ofDays(2);
            }

            @Override
            public boolean createSourceTopics() {
                return false;
            }

            @Override
            public int sourcePartitions() {
                return 1;
            }

            @Override
            public int standbyReplicas() {
                return 0;
            }

            @Override
            public int replicationFactor() {
                return 1;
            }
        };
    }

    @Override
    public Thresholds thresholds() {
        throw new UnsupportedOperationException("not used by the topology");
    }

    @Override
    public String directoryUrl() {
        return "http://localhost:0";
    }

    @Override
    public Optional<String> routingUrl() {
        return Optional.empty();
    }

    @Override
    public Duration pushInterval() {
        return Duration.ofMillis(250);
    }
}
