package io.contactcenter.infra;

/** A started Kafka broker; closing it stops the broker. */
public interface RunningKafka extends AutoCloseable {

    /** The bootstrap servers clients connect to, e.g. {@code 127.0.0.1:19092}. */
    String bootstrapServers();

    @Override
    void close();
}
