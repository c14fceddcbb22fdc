package io.contactcenter.simulator.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.config.SimulatorConfig;

/** The scripted people behind agent endpoints; unregistered endpoints behave as configured by default. */
@ApplicationScoped
public class AgentEndpoints {

    public static final Set<String> BEHAVIOURS = Set.of("answer", "never", "busy", "reject", "fail", "manual");
    public static final Set<String> TYPES = Set.of("phone", "app", "sip", "websocket", "vbc");

    private final SimulatorConfig config;
    private final Map<String, AgentEndpoint> endpoints = new ConcurrentHashMap<>();

    public AgentEndpoints(SimulatorConfig config) {
        this.config = config;
    }

    /** @return why the endpoint is not acceptable, or null. */
    public static String invalid(AgentEndpoint endpoint) {
        if (endpoint == null || endpoint.type() == null || !TYPES.contains(endpoint.type())) {
            return "type must be one of " + TYPES;
        }
        if (endpoint.value() == null || endpoint.value().isBlank()) {
            return "value is required";
        }
        if (endpoint.behaviour() != null && !BEHAVIOURS.contains(endpoint.behaviour())) {
            return "behaviour must be one of " + BEHAVIOURS;
        }
        if (endpoint.answerAfterSeconds() != null && endpoint.answerAfterSeconds() < 0
                || endpoint.hangupAfterSeconds() != null && endpoint.hangupAfterSeconds() < 0) {
            return "seconds must not be negative";
        }
        return null;
    }

    public AgentEndpoint register(AgentEndpoint endpoint) {
        AgentEndpoint normalised = new AgentEndpoint(endpoint.type(), endpoint.value(),
                endpoint.behaviour() == null ? "answer" : endpoint.behaviour(),
                endpoint.answerAfterSeconds() == null ? config.agents().defaultAnswerAfterSeconds() : endpoint.answerAfterSeconds(),
                endpoint.hangupAfterSeconds());
        endpoints.put(normalised.key(), normalised);
        return normalised;
    }

    public boolean remove(String type, String value) {
        return endpoints.remove(type + ":" + value) != null;
    }

    public List<AgentEndpoint> all() {
        return new ArrayList<>(endpoints.values());
    }

    public AgentEndpoint behaviourOf(String type, String value) {
        AgentEndpoint known = endpoints.get(type + ":" + value);
        if (known != null) {
            return known;
        }
        return new AgentEndpoint(type, value, config.agents().defaultBehaviour(), config.agents().defaultAnswerAfterSeconds(), null);
    }

    public void clear() {
        endpoints.clear();
    }
}
