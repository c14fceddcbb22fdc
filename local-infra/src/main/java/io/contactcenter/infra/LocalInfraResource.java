package io.contactcenter.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} real Kafka and PostgreSQL: {@code @WithTestResource(LocalInfraResource.class)}.
 * Init arg {@code database} names the service's own database (default {@code app}); {@code kafka=false} leaves
 * the broker out for a service that does not use Kafka. The token keys: the issuer's
 * ({@code mp.jwt.verify.*}) and the calling services' public keys ({@code AUTH_<SERVICE>_PUBLIC_KEY}).
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
        // the directory trusts each calling service's own key (AUTH_<SERVICE>_PUBLIC_KEY); other services ignore these
        for (String service : AuthKeys.SERVICES) {
            config.put("AUTH_" + service.toUpperCase(Locale.ROOT) + "_PUBLIC_KEY",
                    infra.authKeys().service(service).publicKeyFile().toString());
        }
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped when the JVM exits
    }
}
