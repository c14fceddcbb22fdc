package io.contactcenter.wallboard.streams;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the topology runs (or rebalances); not while it starts, has failed or stops. */
@Readiness
@ApplicationScoped
public class StreamsHealth implements HealthCheck {

    private final WallboardStreams streams;

    public StreamsHealth(WallboardStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams running = streams.streams();
        KafkaStreams.State state = running == null ? KafkaStreams.State.CREATED : running.state();
        return HealthCheckResponse.named("kafka-streams").status(state.isRunningOrRebalancing())
                .withData("state", state.name()).build();
    }
}
