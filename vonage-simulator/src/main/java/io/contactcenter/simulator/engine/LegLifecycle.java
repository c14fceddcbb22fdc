package io.contactcenter.simulator.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.people.AgentEndpoints;
import io.contactcenter.simulator.transcript.Transcript;

/**
 * The legs and their lives: each runs on its own thread, blocking on its signal queue for simulated time; it rings
 * as its person behaves, answers, and ends exactly once (leaving its conversation, ending its recordings, telling its
 * peer, sending the final status event).
 */
@ApplicationScoped
public class LegLifecycle {

    private static final Logger LOG = Logger.getLogger(LegLifecycle.class);

    /** Thrown inside a runner when the leg is hung up. */
    static final class Ended extends RuntimeException {
        final String by;

        Ended(String by) {
            super(null, null, false, false);
            this.by = by;
        }
    }

    /** Thrown inside a runner when the leg is transferred to a new NCCO. */
    static final class Transferred extends RuntimeException {
        final Signal.Transfer transfer;

        Transferred(Signal.Transfer transfer) {
            super(null, null, false, false);
            this.transfer = transfer;
        }
    }

    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final LegEvents events;
    private final Conversations conversations;
    private final AgentEndpoints agents;
    private final SimClock clock;

    public LegLifecycle(LegEvents events, Conversations conversations, AgentEndpoints agents, SimClock clock) {
        this.events = events;
        this.conversations = conversations;
        this.agents = agents;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        legs.values().forEach(l -> l.signal(new Signal.Hangup("platform")));
    }

    Leg leg(String uuid) {
        return legs.get(uuid);
    }

    Collection<Leg> legs() {
        return legs.values();
    }

    /** Hangs up and forgets every leg (tests). */
    void reset() {
        stop();
        legs.clear();
        conversations.reset();
    }

    /** Registers the leg, sends its {@code started} event and runs {@code body} on the leg's own thread. */
    void start(Leg leg, String text, Runnable body) {
        legs.put(leg.uuid(), leg);
        events.status(leg, "started", null, text);
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "leg %s failed", leg.uuid());
                events.record(leg, Transcript.ERROR, "simulator error: " + e, Map.of("error", String.valueOf(e)));
                end(leg, leg.answeredAt == null ? "failed" : "completed", "internal_error", "platform");
            }
        }, "leg-" + leg.uuid().substring(0, 8));
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Rings the leg's endpoint as its scripted person behaves.
     *
     * @return true once answered; false when the leg ended without answer (its status event already sent)
     */
    boolean ring(Leg leg) {
        events.status(leg, "ringing", null, null);
        AgentEndpoint person = agents.behaviourOf(leg.to().type(), leg.to().value());
        double ringFor = leg.ringingTimer;
        String outcome;
        String detail = null;
        long deadline;
        switch (person.behaviour()) {
            case "busy" -> {
                deadline = deadline(Math.min(1, ringFor));
                outcome = "busy";
            }
            case "reject" -> {
                deadline = deadline(Math.min(1, ringFor));
                outcome = "rejected";
                detail = "declined";
            }
            case "fail" -> {
                deadline = deadline(0);
                outcome = "failed";
                detail = "cannot_route";
            }
            case "answer" -> {
                double after = person.answerAfterSeconds() == null ? 0 : person.answerAfterSeconds();
                if (after <= ringFor) {
                    deadline = deadline(after);
                    outcome = "answered";
                } else {
                    deadline = deadline(ringFor);
                    outcome = "timeout";
                }
            }
            default -> { // never, manual
                deadline = deadline(ringFor);
                outcome = "timeout";
            }
        }
        while (true) {
            Signal s;
            try {
                s = poll(leg, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (s == null) {
                break;
            }
            if (s instanceof Signal.Hangup h) {
                ringFailed(leg, "cancelled", null, h.by());
                return false;
            }
            if (s instanceof Signal.Answer) {
                outcome = "answered";
                break;
            }
            if (s instanceof Signal.Reject) {
                outcome = "rejected";
                detail = "declined";
                break;
            }
            // digits, transfers while ringing: nothing to do yet
        }
        if (!"answered".equals(outcome)) {
            ringFailed(leg, outcome, detail, "platform");
            return false;
        }
        answered(leg);
        if (person.hangupAfterSeconds() != null) {
            clock.after(person.hangupAfterSeconds(), () -> leg.signal(new Signal.Hangup("user")));
        }
        if (leg.lengthTimer > 0) {
            clock.after(leg.lengthTimer, () -> leg.signal(new Signal.Hangup("platform")));
        }
        if (leg.parent != null) {
            leg.parent.signal(new Signal.PeerOutcome(leg, "answered", null));
        }
        return true;
    }

    private void ringFailed(Leg leg, String status, String detail, String by) {
        if (leg.parent != null) {
            leg.parent.signal(new Signal.PeerOutcome(leg, status, detail));
        }
        // a synchronous connect's failure goes to the connect's eventUrl as an NCCO request from the parent
        boolean eventHere = !(leg.parent != null && leg.synchronousConnect);
        finish(leg, status, detail, by, eventHere);
    }

    void answered(Leg leg) {
        leg.answeredAt = Instant.now();
        leg.answeredSim = clock.simSeconds();
        events.status(leg, "answered", null, null);
    }

    void end(Leg leg, String status, String detail, String by) {
        finish(leg, status, detail, by, true);
    }

    private void finish(Leg leg, String status, String detail, String by, boolean sendEvent) {
        synchronized (leg) {
            if (leg.ended) {
                return;
            }
            leg.ended = true;
        }
        leg.endedAt = Instant.now();
        leg.endedSim = clock.simSeconds();
        leg.disconnectedBy = by;
        conversations.leave(leg);
        leg.onEnd.forEach(Runnable::run);
        Leg peer = leg.peer;
        if (peer != null) {
            peer.signal(new Signal.PeerEnded(leg));
        } else if (leg.parent != null && leg.answeredAt != null) {
            leg.parent.signal(new Signal.PeerEnded(leg));
        }
        if (sendEvent) {
            events.status(leg, status, detail, null);
        } else {
            leg.status = status;
            events.record(leg, Transcript.LEG_STATUS, leg.to().value() + " " + status, Map.of("status", status));
        }
    }

    // ---------------------------------------------------------------------------------------------- waiting

    long deadline(double simSeconds) {
        if (simSeconds >= Double.MAX_VALUE / 8) {
            return Long.MAX_VALUE;
        }
        return System.currentTimeMillis() + clock.realMillis(simSeconds);
    }

    private static Signal poll(Leg leg, long deadline) throws InterruptedException {
        if (deadline == Long.MAX_VALUE) {
            return leg.signals.take();
        }
        long remaining = deadline - System.currentTimeMillis();
        if (remaining <= 0) {
            return leg.signals.poll();
        }
        return leg.signals.poll(remaining, TimeUnit.MILLISECONDS);
    }

    /** Next signal before the deadline (null when it passed); hangup and transfer unwind the runner. */
    Signal await(Leg leg, long deadline) {
        Signal s;
        try {
            s = poll(leg, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ended("platform");
        }
        if (s == null && deadline != Long.MAX_VALUE && System.currentTimeMillis() < deadline) {
            return await(leg, deadline);
        }
        if (s instanceof Signal.Hangup h) {
            throw new Ended(h.by());
        }
        if (s instanceof Signal.Transfer t) {
            throw new Transferred(t);
        }
        return s;
    }
}
