package io.contactcenter.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} real Kafka and PostgreSQL: {@code @WithTestResource(LocalInfraResource.class)}.
 * Init arg {@code database} names the service's own database (default {@code app}); {@code kafka=false} leaves
 * the broker out for a service that does not use Kafka.
 */
public class LocalInfraResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";
    private boolean kafka = true;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        kafka = Boolean.parseBoolean(initArgs.getOrDefault("kafka", "true"));
    }

    @Override
    public Map<String, String> start() {
        LocalInfra infra = LocalInfra.shared();
        Map<String, String> config = new HashMap<>();
        if (kafka) {
            config.put("kafka.bootstrap.servers", infra.kafkaBootstrapServers());
        }
        config.put("quarkus.datasource.jdbc.url", infra.postgres().database(database));
        config.put("quarkus.datasource.username", infra.postgres().user());
        config.put("quarkus.datasource.password", infra.postgres().password());
        config.put("mp.jwt.verify.publickey.location", infra.authKeys().publicKeyFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", AuthKeys.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped when the JVM exits
    }
}
