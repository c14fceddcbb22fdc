package io.contactcenter.simulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import com.fasterxml.jackson.databind.JsonNode;

import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.LegView;
import io.contactcenter.simulator.client.Region;
import io.contactcenter.simulator.client.Speech;

/** One call leg: its identity, its endpoints, its state, and the queue its NCCO runner listens to. */
public final class Leg {

    /** What a leg is connected to: type phone|app|sip|websocket|vbc and its address. */
    public record Endpoint(String type, String value) {

        public String field() {
            return switch (type) {
                case "phone" -> "number";
                case "app" -> "user";
                case "vbc" -> "extension";
                default -> "uri";
            };
        }
    }

    private final String uuid = UUID.randomUUID().toString();
    private final String callId;
    private final String direction;
    private final Endpoint from;
    private final Endpoint to;
    private final Instant createdAt = Instant.now();
    final LinkedBlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    final StringBuilder pendingDigits = new StringBuilder();
    final List<CallerStep> heardSteps = new ArrayList<>();

    volatile String status = "started";
    volatile String conversationUuid = "CON-" + UUID.randomUUID();
    volatile String conversationName;
    volatile boolean muted;
    volatile boolean earmuffed;
    volatile Instant answeredAt;
    volatile double answeredSim;
    volatile Instant endedAt;
    volatile double endedSim;
    volatile boolean ended;
    volatile String disconnectedBy;
    /** The region the leg lives in (null in single-region mode) and the key of the conversation it is in. */
    volatile Region region;
    volatile String conversationKey;
    /** The leg shares a conversation name with legs of another region: they cannot hear each other. */
    volatile boolean split;
    /** From the leg's conversation action: leg uuids it hears / that hear it; null = everyone, empty = nobody. */
    volatile List<String> canHear;
    volatile List<String> canSpeak;
    /** Ends the recording its conversation's {@code record: true} started; run when the leg leaves. */
    volatile Runnable conversationRecording;
    /** Recordings of record actions, ended with the leg. */
    final List<Runnable> onEnd = new CopyOnWriteArrayList<>();
    /** What the person on this leg heard other legs say. */
    final List<Speech> speechHeard = new CopyOnWriteArrayList<>();

    // webhooks
    String eventUrl;
    String eventMethod = "POST";
    String answerUrl;
    String answerMethod = "GET";
    JsonNode ncco;
    int ringingTimer = 60;
    int lengthTimer = 7200;
    /** A leg created by a connect action: who created it, and whether its failure goes back as an NCCO request. */
    Leg parent;
    boolean synchronousConnect;
    volatile Leg peer;

    Leg(String callId, String direction, Endpoint from, Endpoint to) {
        this.callId = callId;
        this.direction = direction;
        this.from = from;
        this.to = to;
    }

    Leg(String direction, Endpoint from, Endpoint to) {
        this.callId = null;
        this.direction = direction;
        this.from = from;
        this.to = to;
    }

    public String uuid() {
        return uuid;
    }

    /** The root leg's uuid: the call id of the contact center. */
    public String callId() {
        return callId == null ? uuid : callId;
    }

    public String direction() {
        return direction;
    }

    public Endpoint from() {
        return from;
    }

    public Endpoint to() {
        return to;
    }

    public String status() {
        return status;
    }

    public String conversationUuid() {
        return conversationUuid;
    }

    public boolean ended() {
        return ended;
    }

    /** The name of the region the leg lives in, null in single-region mode. */
    public String regionName() {
        return region == null ? null : region.name();
    }

    public Region region() {
        return region;
    }

    public boolean split() {
        return split;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    /** Simulated duration in whole seconds (answered to end). */
    public long durationSeconds() {
        if (answeredAt == null) {
            return 0;
        }
        return Math.round((endedAt == null ? answeredSim : endedSim) - answeredSim);
    }

    public List<Speech> speechHeard() {
        return List.copyOf(speechHeard);
    }

    public void signal(Signal signal) {
        signals.add(signal);
    }

    public LegView view() {
        return new LegView(uuid, callId(), direction, from == null ? null : from.type(), from == null ? null : from.value(),
                to.type(), to.value(), status, conversationUuid, conversationName, muted, earmuffed,
                createdAt.toString(), answeredAt == null ? null : answeredAt.toString(),
                endedAt == null ? null : endedAt.toString(), regionName(), split, canHear, canSpeak);
    }
}
