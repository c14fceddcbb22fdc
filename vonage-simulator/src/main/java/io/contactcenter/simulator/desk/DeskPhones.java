package io.contactcenter.simulator.desk;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.TranscriptEntry;
import io.contactcenter.simulator.engine.CallEngine;
import io.contactcenter.simulator.engine.Leg;
import io.contactcenter.simulator.engine.Signal;
import io.contactcenter.simulator.people.AgentEndpoints;
import io.contactcenter.simulator.transcript.Transcript;

/**
 * In-app (Client SDK) users whose person is a browser desk: their legs ring until the desk answers or rejects
 * them (behaviour {@code manual}), the desk hears its legs' changes, and it can place calls as the Client SDK's
 * {@code serverCall} does (an inbound leg from the user, answered by the application's answer webhook).
 */
@ApplicationScoped
public class DeskPhones {

    private static final Set<String> ENDED = Set.of("completed", "rejected", "busy", "failed", "timeout", "cancelled",
            "unanswered");

    private final CallEngine engine;
    private final AgentEndpoints agents;
    private final Transcript transcript;
    private final Map<String, List<Consumer<DeskCallEvent>>> desks = new ConcurrentHashMap<>();

    public DeskPhones(CallEngine engine, AgentEndpoints agents, Transcript transcript) {
        this.engine = engine;
        this.agents = agents;
        this.transcript = transcript;
    }

    @PostConstruct
    void follow() {
        transcript.listen(this::onEntry);
    }

    /** A desk of {@code user} listens; its user's legs ring until the desk decides. Returns how to stop. */
    public Runnable subscribe(String user, Consumer<DeskCallEvent> desk) {
        agents.register(AgentEndpoint.behaving("app", user, "manual"));
        desks.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(desk);
        engine.legs().stream()
                .filter(leg -> !leg.ended() && "ringing".equals(leg.status()) && rings(leg, user))
                .forEach(leg -> desk.accept(ringing(leg)));
        return () -> desks.getOrDefault(user, List.of()).remove(desk);
    }

    /** After a reset forgot every endpoint: the users whose desks still listen ring their desks again. */
    public void endpointsCleared() {
        desks.forEach((user, listeners) -> {
            if (!listeners.isEmpty()) {
                agents.register(AgentEndpoint.behaving("app", user, "manual"));
            }
        });
    }

    /** The Client SDK's serverCall: the user calls out; the answer webhook gets {@code from_user} and {@code to}. */
    public Leg call(String user, String to) {
        return engine.dialIn(null, user, to, List.of());
    }

    public void answer(Leg leg) {
        leg.signal(new Signal.Answer());
    }

    public void reject(Leg leg) {
        leg.signal(new Signal.Reject());
    }

    public void hangup(Leg leg) {
        engine.hangupByPerson(leg);
    }

    public void mute(Leg leg, boolean muted) {
        engine.modify(leg, muted ? "mute" : "unmute", null);
    }

    /** The leg rings the user (a leg created to the user's app endpoint). */
    public static boolean rings(Leg leg, String user) {
        return "app".equals(leg.to().type()) && user.equals(leg.to().value());
    }

    /** The leg is the user's: ringing them, or their own outbound call. */
    public static boolean belongsTo(Leg leg, String user) {
        return rings(leg, user) || leg.from() != null && "app".equals(leg.from().type()) && user.equals(leg.from().value());
    }

    private void onEntry(TranscriptEntry entry) {
        if (!Transcript.LEG_STATUS.equals(entry.type()) || desks.isEmpty() || entry.data() == null) {
            return;
        }
        Leg leg = engine.leg(entry.legId());
        Object status = entry.data().get("status");
        if (leg == null || status == null) {
            return;
        }
        desks.forEach((user, listeners) -> {
            if (listeners.isEmpty() || !belongsTo(leg, user)) {
                return;
            }
            DeskCallEvent event = switch (status.toString()) {
                case "ringing" -> rings(leg, user) ? ringing(leg) : null;
                case "answered" -> new DeskCallEvent("answered", leg.uuid(), null, "answered");
                default -> ENDED.contains(status.toString())
                        ? new DeskCallEvent("ended", leg.uuid(), null, status.toString()) : null;
            };
            if (event != null) {
                listeners.forEach(listener -> listener.accept(event));
            }
        });
    }

    private static DeskCallEvent ringing(Leg leg) {
        return new DeskCallEvent("ringing", leg.uuid(), leg.from() == null ? null : leg.from().value(), "ringing");
    }
}
