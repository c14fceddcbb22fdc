package io.contactcenter.infra;


/**
 * The Kafka broker and PostgreSQL server of one test JVM. Started once, on first use, and stopped when the
 * JVM exits, so every {@code @QuarkusTest} class of a module shares them. Nothing is started for a part
 * whose address is already in the environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code DB_URL} with
 * {@code DB_USER}/{@code DB_PASSWORD}): then the tests run against those.
 */
public final class LocalInfra {

    static final int TEST_PARTITIONS = 3;

    private static LocalInfra shared;

    private RunningKafka kafka;
    private final Postgres postgres;
    private final AuthKeys authKeys;

    private LocalInfra(RunningKafka kafka, Postgres postgres, AuthKeys authKeys) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.authKeys = authKeys;
    }

    /** The infra of this JVM, started now if this is the first call. */
    public static synchronized LocalInfra shared() {
        if (shared == null) {
            Postgres postgres = System.getenv("DB_URL") != null
                    ? Postgres.external(System.getenv("DB_URL"), System.getenv("DB_USER"), System.getenv("DB_PASSWORD"))
                    : Postgres.start(null, 0);
            // No shutdown hook of ours: zonky stops PostgreSQL at JVM exit, and the Kafka test kit deletes its
            // storage then; closing the broker as well races that deletion and only logs errors.
            shared = new LocalInfra(null, postgres, AuthKeys.in(TemporaryFolders.create("auth-keys")));
        }
        return shared;
    }

    /** The broker, started on first use (a service without Kafka never pays for one). */
    public synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null
                    ? new ExternalKafka(System.getenv("KAFKA_BOOTSTRAP_SERVERS"))
                    : TestKitKafka.start(TEST_PARTITIONS);
        }
        return kafka.bootstrapServers();
    }

    public Postgres postgres() {
        return postgres;
    }

    /** The keys the services of this JVM verify bearer tokens with; tests mint their tokens here. */
    public AuthKeys authKeys() {
        return authKeys;
    }

    /** A broker somebody else runs. */
    private record ExternalKafka(String bootstrapServers) implements RunningKafka {
        @Override
        public void close() {
            // not ours to stop
        }
    }
}
