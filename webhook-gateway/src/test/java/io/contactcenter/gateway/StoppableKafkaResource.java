package io.contactcenter.gateway;

import io.contactcenter.infra.StoppableKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A broker of its own for the outage test, which stops and restarts it (local-infra's shared one stays up). */
public class StoppableKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile StoppableKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = StoppableKafka.start();
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    public static StoppableKafka kafka() {
        return kafka;
    }
}
