package io.contactcenter.directory.messaging;

import io.contactcenter.directory.service.AssignmentService;
import io.contactcenter.directory.service.OutboundCallService;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.Role;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Ends in-app agents' outbound calls. Such a call is the agent's own leg: the gateway publishes its events to
 * {@code call-events} keyed by the leg's uuid (the call id the directory allowed). Its final status (completed,
 * failed, ...) releases the agent into wrap-up; every other event, and every call that is not an allowed outbound
 * call, is ignored. Releasing is idempotent, so a redelivered event changes nothing. A database failure is retried
 * briefly before the record is given up (logged): {@code service/StuckAgents} then releases the agent once Vonage
 * reports its leg ended. Also remembers the agent's own leg of an inbound call from its {@code answered} (the leg's
 * {@code started} and {@code ringing} are skipped unread, {@link CallEventDeserializer}; a final event needs no leg),
 * so that {@code StuckAgents} can ask Vonage about it while the agent is on the call.
 */
@ApplicationScoped
public class OutboundCallEnds {

    static final String CHANNEL = "call-events";
    private static final Logger LOG = Logger.getLogger(OutboundCallEnds.class);
    private static final int TRIES = 5;
    private static final Duration BACKOFF = Duration.ofMillis(500);

    private final OutboundCallService outboundCalls;
    private final AssignmentService assignments;

    public OutboundCallEnds(OutboundCallService outboundCalls, AssignmentService assignments) {
        this.outboundCalls = outboundCalls;
        this.assignments = assignments;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onCallEvent(CallEvent event) throws InterruptedException {
        if (event == null || event.status() == null || event.callId() == null) {
            return;
        }
        if (event.role() == Role.AGENT && !event.status().isFinal() && event.legId() != null
                && agentId(event) != null) {
            withRetries(() -> assignments.recordAgentLeg(event.callId(), agentId(event), event.legId()),
                    "agent leg " + event.legId() + " of call " + event.callId() + " could not be recorded");
        }
        if (!event.status().isFinal() || event.role() != Role.CALLER || !event.callId().equals(event.legId())) {
            return;
        }
        withRetries(() -> outboundCalls.endIfOutbound(event.callId()),
                "outbound call " + event.callId() + " ended but its agent could not be released");
    }

    private static UUID agentId(CallEvent event) {
        try {
            return event.agentId() == null ? null : UUID.fromString(event.agentId());
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static void withRetries(Runnable work, String failure) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == TRIES) {
                    LOG.error(failure, e);
                    return;
                }
                Thread.sleep(BACKOFF.toMillis() * attempt);
            }
        }
    }
}
