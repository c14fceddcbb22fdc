package io.contactcenter.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs Kafka and PostgreSQL for the local contact center until SIGTERM / Ctrl-C, keeping their data under
 * {@code --data} so a restart finds the calls, agents and topics of the last run.
 *
 * <pre>
 * java -cp local-infra/target/local-infra.jar:local-infra/target/lib/* io.contactcenter.infra.LocalInfraMain \
 *     [--data .local] [--kafka-port 19092] [--controller-port 19093] [--postgres-port 15432] \
 *     [--databases directory,routing,survey] [--partitions 6] [--no-kafka] [--no-postgres]
 * </pre>
 *
 * Prints one line {@code READY kafka=<bootstrap> postgres=<jdbc url prefix>} once both accept connections.
 */
public final class LocalInfraMain {

    private LocalInfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // the broker logs every topic and group change at INFO; keep the local run's log readable
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Map<String, String> options = parse(args);
        Path data = Path.of(options.getOrDefault("data", ".local"));
        List<AutoCloseable> started = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    System.err.println("local-infra: stopping failed: " + e);
                }
            }
            System.out.println("local-infra: stopped");
            stopped.countDown();
        }, "local-infra-stop"));

        String postgresUrl = "-";
        if (!options.containsKey("no-postgres")) {
            Postgres postgres = Postgres.start(data.resolve("postgres"), intOption(options, "postgres-port", 15432));
            started.add(postgres);
            for (String database : options.getOrDefault("databases", "directory,routing,survey").split(",")) {
                postgresUrl = postgres.database(database.trim());
            }
            postgresUrl = postgresUrl.substring(0, postgresUrl.lastIndexOf('/') + 1);
        }
        String kafkaServers = "-";
        if (!options.containsKey("no-kafka")) {
            RunningKafka kafka = PersistentKafka.start("127.0.0.1", intOption(options, "kafka-port", 19092),
                    intOption(options, "controller-port", 19093), data.resolve("kafka"),
                    intOption(options, "partitions", 6));
            started.add(kafka);
            kafkaServers = kafka.bootstrapServers();
        }
        System.out.println("READY kafka=" + kafkaServers + " postgres=" + postgresUrl);
        stopped.await();
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number, got " + value, e);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(name, hasValue ? args[++i] : "true");
        }
        return options;
    }
}
