package io.contactcenter.provisioning;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code replay-dead-letters}: reads {@code <topic>.dlq} from its beginning to its end (no consumer group, nothing
 * committed), selects records by key and/or by the time they were dead-lettered, or all of them, and republishes the
 * selected ones, in their order, to the topic they came from: same key, same value bytes, same headers except the
 * {@code dead-letter-*} ones the consumer added, plus {@link #REPLAYED_FROM}. A dry run unless {@code --execute}.
 * Consumers deduplicate by {@code eventId}, so a record replayed twice is applied once.
 */
final class DeadLetterReplay {

    static final String COMMAND = "replay-dead-letters";
    /** Header on a republished record: {@code <dlq topic>/<partition>/<offset>} it was copied from. */
    static final String REPLAYED_FROM = "cc-replayed-from";
    private static final String DEAD_LETTER_HEADERS = "dead-letter-";
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    DeadLetterReplay(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** What to republish. */
    record Selection(String topic, Set<String> keys, Instant from, Instant to, boolean all, boolean execute,
            Path clientConfig) {

        boolean selects(ConsumerRecord<byte[], byte[]> record) {
            if (all) {
                return true;
            }
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            Instant at = Instant.ofEpochMilli(record.timestamp());
            return (keys.isEmpty() || keys.contains(key)) && (from == null || !at.isBefore(from))
                    && (to == null || at.isBefore(to));
        }
    }

    /** Exit code: 0 done (or dry run), 1 Kafka failed, 2 bad arguments. */
    int run(String... args) {
        Selection selection;
        try {
            selection = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(usage());
            return 2;
        }
        String bootstrap = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
        if (bootstrap.isBlank()) {
            err.println("KAFKA_BOOTSTRAP_SERVERS is required");
            return 2;
        }
        try {
            Properties client = clientProperties(bootstrap, selection.clientConfig());
            return replay(selection, client);
        } catch (IOException | ExecutionException | RuntimeException e) {
            err.println("replay failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int replay(Selection selection, Properties client) throws ExecutionException, InterruptedException {
        String deadLetters = selection.topic() + ".dlq";
        List<ConsumerRecord<byte[], byte[]>> selected = new ArrayList<>();
        int read = 0;
        Properties consumerProps = new Properties();
        consumerProps.putAll(client);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letter-replay-" + UUID.randomUUID());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetters, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(deadLetters, info.partition())).toList();
            if (partitions.isEmpty()) {
                out.printf("%s: no such topic, nothing to replay%n", deadLetters);
                return 0;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    read++;
                    if (selection.selects(record)) {
                        selected.add(record);
                    }
                }
            }
        }
        for (ConsumerRecord<byte[], byte[]> record : selected) {
            out.printf("%s/%d/%d key=%s dead-lettered=%s from=%s reason=%s%n", record.topic(), record.partition(),
                    record.offset(), text(record.key()), Instant.ofEpochMilli(record.timestamp()),
                    origin(record, selection.topic()), header(record, DEAD_LETTER_HEADERS + "reason"));
        }
        if (!selection.execute()) {
            out.printf("dry run: %d of %d dead letters of %s selected, nothing published (add --execute)%n",
                    selected.size(), read, deadLetters);
            return 0;
        }
        Properties producerProps = new Properties();
        producerProps.putAll(client);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : selected) {
                sends.add(producer.send(republished(record, selection.topic())));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        }
        out.printf("republished %d of %d dead letters of %s to their topic%n", selected.size(), read, deadLetters);
        return 0;
    }

    /** The original record again: the consumer's {@code dead-letter-*} headers left out, where it came from added. */
    private static ProducerRecord<byte[], byte[]> republished(ConsumerRecord<byte[], byte[]> record, String topic) {
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(origin(record, topic), null, record.key(),
                record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADERS) && !header.key().equals(REPLAYED_FROM)) {
                copy.headers().add(header);
            }
        }
        copy.headers().add(REPLAYED_FROM, (record.topic() + "/" + record.partition() + "/" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return copy;
    }

    /** The topic the record was dead-lettered from: its {@code dead-letter-topic} header, else the one asked for. */
    private static String origin(ConsumerRecord<byte[], byte[]> record, String topic) {
        String original = header(record, DEAD_LETTER_HEADERS + "topic");
        return original == null || original.isBlank() ? topic : original;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The bootstrap servers and, with {@code --client-config}, a Kafka client properties file (TLS, SCRAM login). */
    private static Properties clientProperties(String bootstrap, Path clientConfig) throws IOException {
        Properties properties = new Properties();
        if (clientConfig != null) {
            try (Reader reader = Files.newBufferedReader(clientConfig)) {
                properties.load(reader);
            }
        }
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return properties;
    }

    static Selection parse(String... args) {
        String topic = null;
        Set<String> keys = new HashSet<>();
        Instant from = null;
        Instant to = null;
        boolean all = false;
        boolean execute = false;
        Path clientConfig = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--topic" -> topic = value(args, ++i, arg);
                case "--key" -> keys.add(value(args, ++i, arg));
                case "--from" -> from = instant(value(args, ++i, arg), arg);
                case "--to" -> to = instant(value(args, ++i, arg), arg);
                case "--all" -> all = true;
                case "--execute" -> execute = true;
                case "--client-config" -> clientConfig = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (topic == null || topic.isBlank() || topic.endsWith(".dlq")) {
            throw new IllegalArgumentException("--topic <the original topic, e.g. call-events> is required");
        }
        boolean filtered = !keys.isEmpty() || from != null || to != null;
        if (all == filtered) {
            throw new IllegalArgumentException("select with --key/--from/--to, or --all (not both)");
        }
        return new Selection(topic, Set.copyOf(keys), from, to, all, execute, clientConfig);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Instant instant(String text, String option) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes an ISO-8601 instant (2026-12-07T10:15:00Z): " + text);
        }
    }

    static String usage() {
        return "usage: " + COMMAND + " --topic <topic> (--key <call id>... | --from <instant> | --to <instant> | --all)"
                + " [--execute] [--client-config <kafka client properties>]   (KAFKA_BOOTSTRAP_SERVERS; dry run"
                + " unless --execute)";
    }
}
