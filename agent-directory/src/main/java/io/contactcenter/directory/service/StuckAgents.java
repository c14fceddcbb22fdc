package io.contactcenter.directory.service;

import io.contactcenter.directory.client.VonageLegs;
import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.directory.domain.AssignmentRepository;
import io.contactcenter.directory.domain.AssignmentState;
import io.contactcenter.directory.domain.CallAssignment;
import io.contactcenter.directory.domain.ReleaseOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * No agent stays booked for a call that is gone. A reservation neither answered nor released within its
 * department's ringing timeout plus a margin is released (routing lost track of it: a lost release, a crash); an
 * agent ON_CALL for longer than {@code on-call-check-after} whose leg Vonage reports ended is released into wrap-up
 * (a lost {@code completed}). Safe with any number of replicas: each pass locks the rows it settles with
 * {@code SKIP LOCKED}, and a release re-reads the row under its lock. Counted in
 * {@code directory_stuck_agents_released_total{reason}}.
 */
@ApplicationScoped
public class StuckAgents {

    private static final Logger LOG = Logger.getLogger(StuckAgents.class);
    private static final int PER_PASS = 200;

    private final AssignmentRepository assignments;
    private final AssignmentService assignmentService;
    private final VonageLegs vonage;
    private final DirectoryConfig.StuckAgents settings;
    private final Clock clock;
    private final MeterRegistry metrics;

    public StuckAgents(AssignmentRepository assignments, AssignmentService assignmentService, VonageLegs vonage,
            DirectoryConfig config, Clock clock, MeterRegistry metrics) {
        this.assignments = assignments;
        this.assignmentService = assignmentService;
        this.vonage = vonage;
        this.settings = config.stuckAgents();
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(every = "${directory.stuck-agents.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            releaseExpiredReservations();
        } catch (RuntimeException e) {
            LOG.error("releasing expired reservations failed; next pass retries", e);
        }
        if (vonage.enabled()) {
            releaseEndedCalls();
        }
    }

    void releaseExpiredReservations() {
        int released = QuarkusTransaction.requiringNew().call(() -> {
            List<CallAssignment> expired = assignments.lockExpiredReservations(clock.instant(),
                    settings.reservationMargin(), PER_PASS);
            for (CallAssignment assignment : expired) {
                LOG.warnf("agent %s reserved for call %s since %s, neither answered nor released: released",
                        assignment.agentId, assignment.callId, assignment.claimedAt);
                assignmentService.releaseLocked(assignment, ReleaseOutcome.CANCELLED);
            }
            return expired.size();
        });
        count("reservation_expired", released);
    }

    /** The legs to ask about are claimed (checked now) in one short transaction; Vonage is asked outside it. */
    void releaseEndedCalls() {
        List<LegToCheck> legs = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<CallAssignment> due = assignments.lockOnCallToCheck(now.minus(settings.onCallCheckAfter()),
                    now.minus(settings.onCallCheckEvery()), PER_PASS);
            due.forEach(assignment -> assignment.legCheckedAt = now);
            return due.stream().map(LegToCheck::of).toList();
        });
        for (LegToCheck leg : legs) {
            if (vonage.ended(leg.legId()).orElse(false)) {
                boolean released = QuarkusTransaction.requiringNew().call(() -> {
                    CallAssignment assignment = assignments.lockLatest(leg.callId(), leg.agentId()).orElse(null);
                    if (assignment == null || assignment.state != AssignmentState.ON_CALL) {
                        return false;
                    }
                    assignmentService.releaseLocked(assignment, ReleaseOutcome.COMPLETED);
                    return true;
                });
                if (released) {
                    LOG.warnf("agent %s was ON_CALL for call %s whose leg %s Vonage reports ended: released",
                            leg.agentId(), leg.callId(), leg.legId());
                    count("leg_ended", 1);
                }
            }
        }
    }

    private void count(String reason, int released) {
        metrics.counter("directory_stuck_agents_released", "reason", reason).increment(released);
    }

    /** The agent's own leg: the one its events named, or the call itself for its outbound call. */
    private record LegToCheck(String callId, UUID agentId, String legId) {
        static LegToCheck of(CallAssignment assignment) {
            return new LegToCheck(assignment.callId, assignment.agentId,
                    assignment.agentLegId != null ? assignment.agentLegId : assignment.callId);
        }
    }
}
