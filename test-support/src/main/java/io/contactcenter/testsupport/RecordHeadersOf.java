package io.contactcenter.testsupport;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Kafka record headers as a producer sets them, for deserializer tests. */
public final class RecordHeadersOf {

    /** Bytes no JSON reader accepts: a deserializer that returns a value for them skipped the record unread. */
    public static final byte[] UNREADABLE = "{not json".getBytes(StandardCharsets.UTF_8);

    private RecordHeadersOf() {
    }

    /** One header {@code name} with {@code value} in UTF-8. */
    public static RecordHeaders one(String name, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
