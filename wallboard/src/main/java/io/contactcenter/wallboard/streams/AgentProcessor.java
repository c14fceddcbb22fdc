package io.contactcenter.wallboard.streams;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.events.AgentActivityKind;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each agent's latest state change (store {@code agents}, keyed by agent id): the one with the highest
 * {@code agentVersion}, so a redelivered or late record never moves an agent back. Dispositions change no state.
 */
final class AgentProcessor implements Processor<String, AgentActivity, Void, Void> {

    private KeyValueStore<String, AgentActivity> agents;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        agents = context.getStateStore(WallboardTopology.AGENTS_STORE);
    }

    @Override
    public void process(Record<String, AgentActivity> record) {
        AgentActivity activity = record.value();
        if (activity == null || activity.kind() != AgentActivityKind.STATE_CHANGED || activity.agentId() == null) {
            return;
        }
        AgentActivity known = agents.get(activity.agentId());
        if (known == null || activity.agentVersion() > known.agentVersion()) {
            agents.put(activity.agentId(), activity);
        }
    }
}
