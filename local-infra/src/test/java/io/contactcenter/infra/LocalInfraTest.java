package io.contactcenter.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both parts are real servers: a record goes through the broker, SQL runs on PostgreSQL. */
class LocalInfraTest {

    @Test
    void kafkaBrokerStoresAndDeliversRecords() throws Exception {
        String servers = LocalInfra.shared().kafkaBootstrapServers();
        String topic = "infra-test-" + UUID.randomUUID();

        RecordMetadata written = produce(servers, topic, "call-1", "hello");
        List<ConsumerRecord<String, String>> read = consumeAll(servers, topic, 1);

        assertEquals(1, read.size());
        assertEquals("call-1", read.get(0).key());
        assertEquals("hello", read.get(0).value());
        assertEquals(written.partition(), read.get(0).partition());
    }

    @Test
    void eachServiceGetsADatabaseOfItsOwnOnARealPostgres() throws Exception {
        Postgres postgres = LocalInfra.shared().postgres();
        String first = postgres.database("infra_test_a");
        String second = postgres.database("infra_test_b");

        execute(first, "create table if not exists greeting(id int primary key, text varchar(20))",
                "delete from greeting", "insert into greeting values (1, 'hello')");
        try (Connection connection = DriverManager.getConnection(first, postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select text, version() from greeting where id = 1")) {
            assertTrue(rows.next());
            assertEquals("hello", rows.getString(1));
            assertTrue(rows.getString(2).startsWith("PostgreSQL"), rows.getString(2));
        }
        try (Connection connection = DriverManager.getConnection(second, postgres.user(), postgres.password());
                ResultSet tables = connection.getMetaData().getTables(null, null, "greeting", null)) {
            assertTrue(!tables.next(), "databases are separate");
        }
        assertEquals(first, postgres.database("infra_test_a"), "asking again is harmless");
    }

    @Test
    void persistentInfraKeepsRecordsAndRowsAcrossARestart(@TempDir Path data) throws Exception {
        int kafkaPort = freePort();
        int controllerPort = freePort();
        int postgresPort = freePort();
        String topic = "restart-test";

        try (RunningKafka kafka = PersistentKafka.start("127.0.0.1", kafkaPort, controllerPort, data.resolve("kafka"), 2);
                Postgres postgres = Postgres.start(data.resolve("postgres"), postgresPort)) {
            produce(kafka.bootstrapServers(), topic, "call-1", "before restart");
            execute(postgres.database("routing"), "create table kept(id int)", "insert into kept values (42)");
        }
        try (RunningKafka kafka = PersistentKafka.start("127.0.0.1", kafkaPort, controllerPort, data.resolve("kafka"), 2);
                Postgres postgres = Postgres.start(data.resolve("postgres"), postgresPort)) {
            assertEquals("127.0.0.1:" + kafkaPort, kafka.bootstrapServers());
            assertEquals("before restart", consumeAll(kafka.bootstrapServers(), topic, 1).get(0).value());
            try (Connection connection = DriverManager.getConnection(postgres.database("routing"), "postgres", "");
                    ResultSet rows = connection.createStatement().executeQuery("select id from kept")) {
                assertTrue(rows.next());
                assertEquals(42, rows.getInt(1));
            }
        }
    }

    @Test
    void testResourceHandsQuarkusTheKafkaAndDatasourceSettings() {
        LocalInfraResource resource = new LocalInfraResource();
        resource.init(Map.of("database", "directory"));

        Map<String, String> config = resource.start();

        assertEquals(LocalInfra.shared().kafkaBootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertTrue(config.get("quarkus.datasource.jdbc.url").endsWith("/directory"), config.toString());
        assertEquals("postgres", config.get("quarkus.datasource.username"));
    }

    private static RecordMetadata produce(String servers, String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", servers);
        props.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String servers, String topic, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", servers);
        props.put("group.id", "test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Test
    void stoppablePostgresRefusesConnectionsWhileStoppedAndKeepsItsRowsAfterwards() throws Exception {
        try (StoppablePostgres server = StoppablePostgres.start()) {
            String url = server.postgres().database("kept");
            execute(url, "create table t (v int)", "insert into t values (42)");
            server.stopDatabase();
            assertThrows(java.sql.SQLException.class, () -> execute(url, "select 1"));
            server.startDatabase();
            try (Connection connection = DriverManager.getConnection(server.postgres().database("kept"), "postgres", "");
                    ResultSet rows = connection.createStatement().executeQuery("select v from t")) {
                assertTrue(rows.next());
                assertEquals(42, rows.getInt(1));
            }
        }
    }

    private static void execute(String url, String... statements) throws Exception {
        Postgres postgres = LocalInfra.shared().postgres();
        try (Connection connection = DriverManager.getConnection(url, "postgres", postgres.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
