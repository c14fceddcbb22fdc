package io.contactcenter.gateway;

import io.contactcenter.events.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A webhook test that reads what the gateway publishes on {@code call-events}: a fresh watcher per test. */
abstract class CallEventsWatched {

    protected TopicWatcher callEvents;

    @BeforeEach
    void watchCallEvents() {
        callEvents = new TopicWatcher(Topics.CALL_EVENTS);
    }

    @AfterEach
    void closeCallEvents() {
        callEvents.close();
    }
}
