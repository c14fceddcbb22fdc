package io.contactcenter.directory.messaging;

import io.contactcenter.directory.service.OutboundCallService;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.Role;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Ends in-app agents' outbound calls. Such a call is the agent's own leg: the gateway publishes its events to
 * {@code call-events} keyed by the leg's uuid (the call id the directory allowed). Its final status (completed,
 * failed, ...) releases the agent into wrap-up; every other event, and every call that is not an allowed outbound
 * call, is ignored. Releasing is idempotent, so a redelivered event changes nothing. A database failure is retried
 * briefly before the record is given up (logged): the agent would then stay ON_CALL until an admin sets it free.
 */
@ApplicationScoped
public class OutboundCallEnds {

    static final String CHANNEL = "call-events";
    private static final Logger LOG = Logger.getLogger(OutboundCallEnds.class);
    private static final int TRIES = 5;
    private static final Duration BACKOFF = Duration.ofMillis(500);

    private final OutboundCallService outboundCalls;

    public OutboundCallEnds(OutboundCallService outboundCalls) {
        this.outboundCalls = outboundCalls;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onCallEvent(CallEvent event) throws InterruptedException {
        if (event == null || event.status() == null || !event.status().isFinal() || event.role() != Role.CALLER
                || event.callId() == null || !event.callId().equals(event.legId())) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                outboundCalls.endIfOutbound(event.callId());
                return;
            } catch (RuntimeException e) {
                if (attempt == TRIES) {
                    LOG.errorf(e, "outbound call %s ended but its agent could not be released", event.callId());
                    return;
                }
                Thread.sleep(BACKOFF.toMillis() * attempt);
            }
        }
    }
}
