package io.contactcenter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.infra.AuthKeys;
import io.contactcenter.infra.ServiceProcess;
import io.contactcenter.infra.StoppableKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * Every packaged service stops on SIGTERM within its own shutdown budget ({@code quarkus.shutdown.delay} +
 * {@code quarkus.shutdown.timeout}, which the Deployment's {@code terminationGracePeriodSeconds} must exceed), and not
 * before its delay (readiness DOWN, still serving while Kubernetes takes it out of the Service), while
 * its broker and its database are gone: the services start against a broker and a PostgreSQL server of this test,
 * both are then stopped, and all services get SIGTERM at once. A service that waits for a Kafka client or a database
 * connection on its way out would be killed by Kubernetes at the end of the grace period, mid-request.
 */
class StopTimeTest {

    private static final List<String> SERVICES = List.of("agent-directory", "webhook-gateway", "routing-service",
            "survey-service");
    private static final Duration BOOT = Duration.ofMinutes(4);
    /** Beyond any budget: a service still running then is reported as such. */
    private static final Duration WAIT_FOR_EXIT = Duration.ofSeconds(60);

    @Test
    void everyServiceStopsWithinItsShutdownBudgetWithKafkaAndPostgresqlGone() throws Exception {
        List<String> services = SERVICES.stream().filter(Project::hasModule).toList();
        List<ServiceProcess> running = new ArrayList<>();
        List<CompletableFuture<ServiceProcess>> starts = new ArrayList<>();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        boolean postgresRunning = true;
        try (StoppableKafka kafka = StoppableKafka.start()) {
            for (String service : services) {
                Map<String, String> environment = environment(service, kafka.bootstrapServers(), postgres);
                starts.add(CompletableFuture.supplyAsync(() -> ServiceProcess.start(jar(service), environment,
                        Path.of("target", service + "-stop-time.log"), BOOT)));
            }
            for (CompletableFuture<ServiceProcess> start : starts) {
                running.add(start.get(BOOT.toSeconds() + 30, TimeUnit.SECONDS));
            }

            kafka.stopBroker();
            postgres.close();
            postgresRunning = false;
            Thread.sleep(5000); // the clients notice: connections refused, consumers without a coordinator

            long sigterm = System.nanoTime();
            running.forEach(service -> ProcessHandle.of(service.pid()).orElseThrow().destroy());
            StringBuilder figures = new StringBuilder();
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                String service = services.get(i);
                Duration stopped = awaitExit(running.get(i).pid(), sigterm, WAIT_FOR_EXIT);
                Duration delay = shutdownSetting(service, "quarkus.shutdown.delay");
                Duration budget = delay.plus(shutdownSetting(service, "quarkus.shutdown.timeout"));
                figures.append(String.format("%s stopped %d ms after SIGTERM (delay %s, budget %s)%n", service,
                        stopped.toMillis(), delay, budget));
                if (stopped.compareTo(budget) > 0 || stopped.compareTo(delay) < 0) {
                    wrong.add(service + " stopped " + stopped.toMillis() + " ms after SIGTERM, not between its delay "
                            + delay + " (serving while Kubernetes takes it out of the Service) and its budget " + budget
                            + ", see target/" + service + "-stop-time.log");
                }
            }
            System.out.print("STOP TIME with Kafka and PostgreSQL gone:\n" + figures);
            Files.writeString(Path.of("target", "stop-time.txt"), figures.toString());
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        } finally {
            // also those started while another one failed to
            starts.forEach(start -> start.thenAccept(ServiceProcess::close));
            if (postgresRunning) {
                postgres.close();
            }
        }
    }

    /**
     * With Kafka up, a stopping consumer leaves its group: its partitions go to the other replicas at once, not after
     * the session timeout (10 s) during which nobody would read them.
     */
    @Test
    void kafkaConsumersLeaveTheirGroupsOnSigterm() throws Exception {
        List<String> consumers = List.of("routing-service", "survey-service").stream().filter(Project::hasModule).toList();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        List<CompletableFuture<ServiceProcess>> starts = new ArrayList<>();
        try (StoppableKafka kafka = StoppableKafka.start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            for (String service : consumers) {
                Map<String, String> environment = environment(service, kafka.bootstrapServers(), postgres);
                starts.add(CompletableFuture.supplyAsync(() -> ServiceProcess.start(jar(service), environment,
                        Path.of("target", service + "-group-leave.log"), BOOT)));
            }
            for (int i = 0; i < consumers.size(); i++) {
                String group = consumers.get(i);
                ServiceProcess service = starts.get(i).get(BOOT.toSeconds() + 30, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (members(admin, group) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertTrue(members(admin, group) > 0, group + " never joined its consumer group");
                long sigterm = System.nanoTime();
                ProcessHandle.of(service.pid()).orElseThrow().destroy();
                Duration stopped = awaitExit(service.pid(), sigterm, WAIT_FOR_EXIT);
                int left = members(admin, group);
                System.out.printf("GROUP %s: %d members right after the process stopped (%d ms after SIGTERM)%n", group,
                        left, stopped.toMillis());
                assertEquals(0, left, group + " still has members: its consumers did not leave the group on close");
            }
        } finally {
            starts.forEach(start -> start.thenAccept(ServiceProcess::close));
            postgres.close();
        }
    }

    private static int members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group).members().size();
    }

    /** Time from SIGTERM until the process is gone, or {@code atMost} when it is still there then. */
    private static Duration awaitExit(long pid, long sigterm, Duration atMost) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElse(null);
        if (process != null) {
            try {
                process.onExit().get(Math.max(atMost.toNanos() - (System.nanoTime() - sigterm), 0), TimeUnit.NANOSECONDS);
            } catch (TimeoutException stillRunning) {
                return atMost;
            }
        }
        return Duration.ofNanos(System.nanoTime() - sigterm);
    }

    /** A shutdown setting of the service's prod configuration, which every service must set. */
    static Duration shutdownSetting(String service, String property) {
        Properties prod = ServiceModule.of(service).orElseThrow().prodProperties();
        assertTrue("true".equals(prod.getProperty("quarkus.shutdown.delay-enabled")),
                service + ": quarkus.shutdown.delay-enabled=true (build time) is missing");
        String value = prod.getProperty(property);
        assertTrue(value != null, service + ": " + property + " is missing");
        return seconds(value);
    }

    private static Duration seconds(String value) {
        return Duration.ofSeconds(Long.parseLong(value.strip().replaceAll("s$", "")));
    }

    private static Path jar(String service) {
        Path jar = Project.root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " missing: package " + service + " first");
        return jar;
    }

    /**
     * The variables the service's prod configuration reads without a default, with values of this machine: this
     * test's broker and database, an address where no directory listens, the test keys.
     */
    private static Map<String, String> environment(String service, String kafka, EmbeddedPostgres postgres)
            throws Exception {
        ServiceModule module = ServiceModule.of(service).orElseThrow();
        AuthKeys keys = AuthKeys.in(Files.createTempDirectory("stop-time-keys"));
        String name = service.replace("-service", "").replace("agent-", "").replace("webhook-", "");
        Map<String, String> known = new LinkedHashMap<>();
        known.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        if (module.referencedEnvironment().contains("DB_URL")) {
            known.put("DB_URL", database(postgres, name));
            known.put("DB_USER", "postgres");
            known.put("DB_PASSWORD", "");
        }
        known.put("DIRECTORY_URL", "http://127.0.0.1:" + ServiceProcess.freePort());
        known.put("DIRECTORY_SERVICE_KEY", keys.service(name).privateKeyFile().toString());
        // the gateway is ready without the directory only with a fallback menu
        known.put("GATEWAY_FALLBACK_MENU", "1:sales:Sales");
        known.put("AUTH_PUBLIC_KEY_LOCATION", keys.publicKeyFile().toString());
        known.put("GATEWAY_PUBLIC_URL", "https://gateway.test");
        known.put("VONAGE_NUMBER", "447700900100");
        known.put("VONAGE_APPLICATION_ID", UUID.randomUUID().toString());
        known.put("VONAGE_PRIVATE_KEY", TestKeys.rsaPrivateKeyPem());
        known.put("VONAGE_SIGNATURE_SECRET", "stop-time-signature-secret-0123456789");
        known.put("WEBHOOK_SIGNING_KEY", "stop-time-webhook-signing-key-0123456789");
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : module.referencedEnvironment()) {
            if (known.containsKey(variable)) {
                environment.put(variable, known.get(variable));
            }
        }
        for (String required : module.requiredEnvironment()) {
            assertTrue(environment.containsKey(required), service + " needs " + required + ": give it a value here");
        }
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return environment;
    }

    private static String database(EmbeddedPostgres postgres, String name) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database \"" + name + "\"");
        }
        return postgres.getJdbcUrl("postgres", name);
    }

}
