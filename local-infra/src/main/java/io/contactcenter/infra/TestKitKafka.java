package io.contactcenter.infra;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node KRaft broker (Kafka's own test kit) on a random port with throw-away storage, for tests. */
final class TestKitKafka implements RunningKafka {

    private final KafkaClusterTestKit cluster;

    private TestKitKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static TestKitKafka start(int partitions) {
        KafkaExitGuard.install();
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            singleNodeSettings(partitions).forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new TestKitKafka(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka test broker did not start: " + e.getMessage(), e);
        }
    }

    /** Broker settings that make a one-node cluster behave (internal topics cannot have 3 replicas here). */
    static Map<String, String> singleNodeSettings(int partitions) {
        return Map.of(
                "num.partitions", Integer.toString(partitions),
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "5",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "true");
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka test broker did not stop cleanly", e);
        }
    }
}
