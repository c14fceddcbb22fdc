package io.contactcenter.directory.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactcenter.directory.domain.ActivityOutboxEntry;
import io.contactcenter.directory.domain.ActivityOutboxRepository;
import io.contactcenter.directory.domain.Agent;
import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.AgentActivityKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Every change of an agent goes through here, inside the transaction that makes it: the agent's version is raised,
 * the agent-activity record is written to the outbox (published after the commit), and {@link AgentChanged} is fired
 * for the agent's stream.
 */
@ApplicationScoped
public class AgentChanges {

    private final ActivityOutboxRepository outbox;
    private final ObjectMapper json;
    private final Event<AgentChanged> changed;
    private final Clock clock;

    public AgentChanges(ActivityOutboxRepository outbox, ObjectMapper json, Event<AgentChanged> changed, Clock clock) {
        this.outbox = outbox;
        this.json = json;
        this.changed = changed;
        this.clock = clock;
    }

    /** The agent's status or state changed (as it is now); {@code callId} is the call concerned, if any. */
    public void stateChanged(Agent agent, String callId) {
        record(agent, AgentActivityKind.STATE_CHANGED, callId, null);
    }

    /**
     * The agent was reserved for call {@code callId} by a statement that raised its version itself
     * ({@code AgentRepository.reserve}).
     */
    void reserved(Agent agent, String callId) {
        publish(agent, AgentActivityKind.STATE_CHANGED, callId, null);
    }

    /** The agent recorded the disposition {@code code} of call {@code callId}. */
    public void dispositionRecorded(Agent agent, String callId, String code) {
        record(agent, AgentActivityKind.DISPOSITION, callId, code);
    }

    private void record(Agent agent, AgentActivityKind kind, String callId, String disposition) {
        agent.version++;
        publish(agent, kind, callId, disposition);
    }

    private void publish(Agent agent, AgentActivityKind kind, String callId, String disposition) {
        Instant now = clock.instant();
        AgentActivity activity = new AgentActivity(UUID.randomUUID().toString(), AgentActivity.VERSION, kind,
                agent.id.toString(), agent.version, agent.departmentIds.stream().map(UUID::toString).toList(),
                agent.status.name(), agent.state.name(), callId, agent.wrapUpUntil, disposition, now);
        ActivityOutboxEntry entry = new ActivityOutboxEntry();
        entry.agentId = agent.id;
        entry.createdAt = now;
        try {
            entry.payload = json.writeValueAsString(activity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agent-activity record not serializable", e);
        }
        outbox.persist(entry);
        changed.fire(new AgentChanged(agent.id));
    }
}
