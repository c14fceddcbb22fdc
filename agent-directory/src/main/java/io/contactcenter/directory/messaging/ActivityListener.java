package io.contactcenter.directory.messaging;

import io.contactcenter.directory.service.AgentStreams;
import io.contactcenter.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Every replica reads {@code agent-activity} in a consumer group of its own (from the newest record on), so an
 * agent's stream on this replica also sees changes another replica made. Only the key (the agent id) is used: the
 * stream reads the agent's current snapshot from the database and sends it if it is newer than the last one sent.
 */
@ApplicationScoped
public class ActivityListener {

    static final String CHANNEL = "agent-activity-in";
    private static final Logger LOG = Logger.getLogger(ActivityListener.class);

    private final AgentStreams streams;

    public ActivityListener(AgentStreams streams) {
        this.streams = streams;
    }

    @Incoming(CHANNEL)
    public void onActivity(io.smallrye.reactive.messaging.kafka.Record<String, String> activity) {
        try {
            streams.changed(UUID.fromString(activity.key()));
        } catch (IllegalArgumentException | NullPointerException notAnAgent) {
            LOG.debugf("%s record without an agent id key ignored", Topics.AGENT_ACTIVITY);
        }
    }
}
