package io.contactcenter.directory.service;

import io.contactcenter.directory.domain.Agent;
import io.contactcenter.directory.domain.AgentRepository;
import io.contactcenter.directory.domain.AgentState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns agents whose wrap-up ran out back to IDLE (their deadline is stored, so this also works right after a
 * restart) and refreshes the agents-by-state gauges.
 */
@ApplicationScoped
public class Housekeeping {

    private static final int WRAP_UPS_PER_PASS = 500;

    private final AgentRepository agents;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final AgentChanges changes;
    private final Map<String, AtomicLong> agentsByDepartmentAndState = new ConcurrentHashMap<>();

    public Housekeeping(AgentRepository agents, Clock clock, MeterRegistry metrics, AgentChanges changes) {
        this.agents = agents;
        this.clock = clock;
        this.metrics = metrics;
        this.changes = changes;
    }

    @Scheduled(every = "${directory.housekeeping-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void run() {
        Instant now = clock.instant();
        // one agent at a time, so each gets its own agent-activity record and stream event
        for (Agent agent : agents.lockEndedWrapUps(now, WRAP_UPS_PER_PASS)) {
            agent.enter(AgentState.IDLE, agent.wrapUpUntil);
            agent.wrapUpUntil = null;
            changes.stateChanged(agent, null);
        }
        Set<String> seen = new java.util.HashSet<>();
        for (Object[] row : agents.countByDepartmentAndState()) {
            String department = row[0].toString();
            String state = row[1].toString();
            String key = department + "/" + state;
            seen.add(key);
            agentsByDepartmentAndState.computeIfAbsent(key, k -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("directory_agents", value, AtomicLong::get)
                        .description("agents per department and state")
                        .tag("department", department).tag("state", state)
                        .register(metrics);
                return value;
            }).set(((Number) row[2]).longValue());
        }
        agentsByDepartmentAndState.forEach((key, value) -> {
            if (!seen.contains(key)) {
                value.set(0);
            }
        });
    }
}
