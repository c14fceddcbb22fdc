package io.contactcenter.simulator.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.Region;
import io.contactcenter.simulator.config.SimulatorConfig;
import io.contactcenter.simulator.people.AgentEndpoints;
import io.contactcenter.simulator.transcript.Transcript;
import io.contactcenter.simulator.webhook.WebhookSender;
import io.contactcenter.simulator.webhook.WebhookSender.Outcome;
import io.contactcenter.simulator.webhook.WebhookSender.Target;

/**
 * Calls, legs, conversations and the NCCO engine. Every leg runs its NCCO on its own thread, blocking on its signal
 * queue for simulated time; webhooks that return an NCCO are fetched on that thread, status events leave
 * asynchronously through {@link WebhookSender}.
 */
@ApplicationScoped
public class CallEngine {

    private static final Logger LOG = Logger.getLogger(CallEngine.class);

    private final SimulatorConfig config;
    private final SimClock clock;
    private final Transcript transcript;
    private final WebhookSender webhooks;
    private final AgentEndpoints agents;
    private final ObjectMapper json;
    private final Regions regions;
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "sim-timer");
        t.setDaemon(true);
        return t;
    });

    /** Thrown inside a runner when the leg is hung up. */
    private static final class Ended extends RuntimeException {
        final String by;

        Ended(String by) {
            super(null, null, false, false);
            this.by = by;
        }
    }

    /** Thrown inside a runner when the leg is transferred to a new NCCO. */
    private static final class Transferred extends RuntimeException {
        final Signal.Transfer transfer;

        Transferred(Signal.Transfer transfer) {
            super(null, null, false, false);
            this.transfer = transfer;
        }
    }

    public CallEngine(SimulatorConfig config, SimClock clock, Transcript transcript, WebhookSender webhooks,
                      AgentEndpoints agents, ObjectMapper json, Regions regions) {
        this.config = config;
        this.regions = regions;
        this.clock = clock;
        this.transcript = transcript;
        this.webhooks = webhooks;
        this.agents = agents;
        this.json = json;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        legs.values().forEach(l -> l.signal(new Signal.Hangup("platform")));
    }

    public Leg leg(String uuid) {
        return legs.get(uuid);
    }

    public Collection<Leg> legs() {
        return legs.values();
    }

    /** Forget every call (tests); live legs are hung up first. */
    public void reset() {
        legs.values().forEach(l -> l.signal(new Signal.Hangup("platform")));
        legs.clear();
        conversations.clear();
    }

    // ---------------------------------------------------------------------------------------------- creating legs

    /** A person dials in (PSTN or in-app): answer webhook, then the NCCO runs; the call lands in the next region. */
    public Leg dialIn(String from, String fromUser, String to, List<CallerStep> steps) {
        return dialIn(from, fromUser, to, steps, regions.place(null));
    }

    /** A person dials in, the call living in {@code region} (null in single-region mode). */
    public Leg dialIn(String from, String fromUser, String to, List<CallerStep> steps, Region region) {
        Leg.Endpoint caller = fromUser != null ? new Leg.Endpoint("app", fromUser) : new Leg.Endpoint("phone", from);
        String called = to == null || to.isBlank() ? config.number() : to;
        Leg leg = new Leg("inbound", caller, new Leg.Endpoint("phone", called));
        leg.region = region;
        leg.eventUrl = config.eventUrl();
        leg.answerUrl = config.answerUrl();
        List<CallerStep> timed = new ArrayList<>();
        for (CallerStep step : steps == null ? List.<CallerStep>of() : steps) {
            if (step.whenHeard() != null) {
                leg.heardSteps.add(step);
            } else {
                timed.add(step);
            }
        }
        legs.put(leg.uuid(), leg);
        status(leg, "started", null, "caller " + caller.value() + " dials " + called
                + (region == null ? "" : " (region " + region.name() + ")"));
        start(leg, () -> runInbound(leg, timed));
        return leg;
    }

    /**
     * POST /v1/calls: an outbound leg that rings its endpoint, then runs its NCCO or answer_url; it lives in the
     * region the request went through (null in single-region mode).
     */
    public Leg createOutbound(Leg.Endpoint to, Leg.Endpoint from, JsonNode ncco, String answerUrl, String answerMethod,
                              String eventUrl, String eventMethod, int ringingTimer, int lengthTimer, Region region) {
        Leg leg = new Leg("outbound", from, to);
        leg.region = region;
        leg.ncco = ncco;
        leg.answerUrl = answerUrl;
        leg.answerMethod = answerMethod == null ? "GET" : answerMethod;
        leg.eventUrl = eventUrl == null ? config.eventUrl() : eventUrl;
        leg.eventMethod = eventMethod == null ? "POST" : eventMethod;
        leg.ringingTimer = ringingTimer;
        leg.lengthTimer = lengthTimer;
        legs.put(leg.uuid(), leg);
        status(leg, "started", null, "outbound call to " + to.type() + " " + to.value()
                + (region == null ? "" : " (region " + region.name() + ")"));
        start(leg, () -> runOutbound(leg));
        return leg;
    }

    private void start(Leg leg, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "leg %s failed", leg.uuid());
                record(leg, Transcript.ERROR, "simulator error: " + e, Map.of("error", String.valueOf(e)));
                end(leg, leg.answeredAt == null ? "failed" : "completed", "internal_error", "platform");
            }
        }, "leg-" + leg.uuid().substring(0, 8));
        thread.setDaemon(true);
        thread.start();
    }

    // ---------------------------------------------------------------------------------------------- leg lifecycles

    private void runInbound(Leg leg, List<CallerStep> timed) {
        status(leg, "ringing", null, null);
        Map<String, Object> answer = answerPayload(leg);
        JsonNode ncco = fetchAnswer(leg, leg.answerUrl, "GET", answer, true);
        if (ncco == null) {
            end(leg, "failed", "internal_error", "platform");
            return;
        }
        answered(leg);
        for (CallerStep step : timed) {
            schedule(leg, step.atSecond() == null ? 0 : step.atSecond(), step);
        }
        runNcco(leg, ncco);
    }

    private void runOutbound(Leg leg) {
        if (!ring(leg)) {
            return;
        }
        JsonNode ncco = leg.ncco;
        if (ncco == null) {
            ncco = fetchAnswer(leg, leg.answerUrl, leg.answerMethod, answerPayload(leg), false);
            if (ncco == null) {
                end(leg, "completed", null, "platform");
                return;
            }
        }
        runNcco(leg, ncco);
    }

    /**
     * Rings the leg's endpoint as its scripted person behaves.
     *
     * @return true once answered; false when the leg ended without answer (its status event already sent)
     */
    private boolean ring(Leg leg) {
        status(leg, "ringing", null, null);
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
            timer.schedule(() -> leg.signal(new Signal.Hangup("user")), clock.realMillis(person.hangupAfterSeconds()),
                    TimeUnit.MILLISECONDS);
        }
        if (leg.lengthTimer > 0) {
            timer.schedule(() -> leg.signal(new Signal.Hangup("platform")), clock.realMillis(leg.lengthTimer),
                    TimeUnit.MILLISECONDS);
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

    private void answered(Leg leg) {
        leg.answeredAt = Instant.now();
        leg.answeredSim = clock.simSeconds();
        status(leg, "answered", null, null);
    }

    // ---------------------------------------------------------------------------------------------- NCCO runner

    private void runNcco(Leg leg, JsonNode ncco) {
        Deque<JsonNode> actions = new ArrayDeque<>();
        load(leg, actions, ncco, "answer");
        String by = "platform";
        try {
            while (!leg.ended) {
                JsonNode action = actions.pollFirst();
                if (action == null) {
                    break;
                }
                try {
                    JsonNode replacement = execute(leg, action);
                    if (replacement != null) {
                        actions.clear();
                        load(leg, actions, replacement, "webhook");
                    }
                } catch (Transferred t) {
                    JsonNode next = t.transfer.ncco();
                    if (next == null) {
                        next = fetchAnswer(leg, t.transfer.url(), "GET", answerPayload(leg), false);
                    }
                    leaveConversation(leg);
                    String fromConv = leg.conversationUuid;
                    leg.conversationUuid = "CON-" + UUID.randomUUID();
                    transferEvent(leg, fromConv, leg.conversationUuid);
                    actions.clear();
                    if (next != null) {
                        load(leg, actions, next, "transfer");
                    }
                }
            }
        } catch (Ended e) {
            by = e.by;
        }
        end(leg, "completed", null, by);
    }

    private void load(Leg leg, Deque<JsonNode> actions, JsonNode ncco, String source) {
        if (ncco == null || !ncco.isArray()) {
            return;
        }
        ncco.forEach(actions::addLast);
        record(leg, Transcript.NCCO, "NCCO (" + source + "): " + ncco.size() + " action(s)", Map.of("source", source, "ncco", ncco));
    }

    /** @return an NCCO that replaces the rest of the current one, or null to go on. */
    private JsonNode execute(Leg leg, JsonNode action) {
        String name = action.path("action").asText("");
        return switch (name) {
            case "talk" -> {
                talk(leg, action);
                yield null;
            }
            case "stream" -> {
                stream(leg, action);
                yield null;
            }
            case "input" -> input(leg, action);
            case "conversation" -> {
                conversation(leg, action);
                yield null;
            }
            case "connect" -> connect(leg, action);
            case "record" -> {
                record(leg, action);
                yield null;
            }
            case "notify" -> notify(leg, action);
            case "wait" -> {
                pause(leg, action.path("timeout").asDouble(10));
                yield null;
            }
            default -> {
                record(leg, Transcript.ERROR, "unknown NCCO action " + name, Map.of("action", action));
                yield null;
            }
        };
    }

    private void talk(Leg leg, JsonNode action) {
        String text = action.path("text").asText("");
        int loop = action.path("loop").asInt(1);
        boolean bargeIn = action.path("bargeIn").asBoolean(false);
        String plain = text.replaceAll("<[^>]+>", " ").trim();
        double once = Math.max(1, plain.split("\\s+").length * config.talkSecondsPerWord());
        double seconds = loop <= 0 ? Double.MAX_VALUE / 4 : once * loop;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", text);
        data.put("bargeIn", bargeIn);
        data.put("loop", loop);
        data.put("seconds", loop <= 0 ? "until interrupted" : seconds);
        if (leg.earmuffed) {
            data.put("earmuffed", true);
        }
        record(leg, Transcript.HEARD, "\"" + plain + "\"", data);
        heard(leg, plain, true);
        play(leg, seconds, bargeIn);
        heard(leg, plain, false);
    }

    private void stream(Leg leg, JsonNode action) {
        String url = firstUrl(action.get("streamUrl"));
        int loop = action.path("loop").asInt(1);
        boolean bargeIn = action.path("bargeIn").asBoolean(false);
        double seconds = loop <= 0 ? Double.MAX_VALUE / 4 : config.streamSeconds() * loop;
        record(leg, Transcript.HEARD, "audio stream " + url, Map.of("streamUrl", String.valueOf(url), "loop", loop, "bargeIn", bargeIn));
        play(leg, seconds, bargeIn);
    }

    /** Plays for simulated seconds; with bargeIn a key press stops it (the digits stay for the next input). */
    private void play(Leg leg, double seconds, boolean bargeIn) {
        long deadline = deadline(seconds);
        while (true) {
            Signal s = await(leg, deadline);
            if (s == null) {
                return;
            }
            if (s instanceof Signal.Digits d) {
                if (bargeIn) {
                    leg.pendingDigits.append(d.digits());
                    return;
                }
                record(leg, Transcript.DTMF, "digits " + d.digits() + " ignored (no bargeIn)", Map.of("digits", d.digits(), "ignored", true));
            }
        }
    }

    private void pause(Leg leg, double seconds) {
        long deadline = deadline(seconds);
        while (await(leg, deadline) != null) {
            // ignore whatever arrives
        }
    }

    private JsonNode input(Leg leg, JsonNode action) {
        List<String> types = new ArrayList<>();
        action.path("type").forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            types.add(action.has("speech") ? "speech" : "dtmf");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        Map<String, Object> speech = new LinkedHashMap<>();
        speech.put("results", List.of());
        Map<String, Object> dtmf = new LinkedHashMap<>();
        if (types.contains("dtmf")) {
            JsonNode settings = action.path("dtmf");
            int maxDigits = settings.path("maxDigits").asInt(4);
            double timeOut = settings.path("timeOut").asDouble(3);
            boolean submitOnHash = settings.path("submitOnHash").asBoolean(false);
            StringBuilder digits = new StringBuilder();
            boolean timedOut = true;
            long deadline = deadline(timeOut);
            String pending = leg.pendingDigits.toString();
            leg.pendingDigits.setLength(0);
            outer:
            while (true) {
                for (char c : pending.toCharArray()) {
                    if (c == '#' && submitOnHash) {
                        timedOut = false;
                        break outer;
                    }
                    digits.append(c);
                    if (digits.length() >= maxDigits) {
                        timedOut = false;
                        break outer;
                    }
                }
                Signal s = await(leg, deadline);
                if (s == null) {
                    break;
                }
                if (s instanceof Signal.Digits d) {
                    pending = d.digits();
                    deadline = deadline(timeOut);
                } else {
                    pending = "";
                }
            }
            dtmf.put("digits", digits.toString());
            dtmf.put("timed_out", timedOut);
            if (!types.contains("speech")) {
                speech.put("results", List.of());
            }
            record(leg, Transcript.INPUT, "input: digits \"" + digits + "\"" + (timedOut ? " (timed out)" : ""),
                    Map.of("digits", digits.toString(), "timed_out", timedOut));
        } else {
            double startTimeout = action.path("speech").path("startTimeout").asDouble(10);
            pause(leg, startTimeout);
            speech.put("timeout_reason", "start_timeout");
            dtmf.put("digits", null);
            dtmf.put("timed_out", false);
            record(leg, Transcript.INPUT, "input: no speech (start_timeout)", Map.of("speech", "start_timeout"));
        }
        payload.put("speech", speech);
        payload.put("dtmf", dtmf);
        payload.put("from", leg.from() == null ? null : leg.from().value());
        payload.put("to", leg.to().value());
        payload.put("uuid", leg.uuid());
        payload.put("conversation_uuid", leg.conversationUuid);
        payload.put("timestamp", now());
        String url = firstUrl(action.get("eventUrl"));
        return nccoRequest(leg, "input", url == null ? leg.eventUrl : url, action.path("eventMethod").asText("POST"), payload);
    }

    /** A webhook that may answer with an NCCO: url tried, then the fallback; the call goes on either way. */
    private JsonNode nccoRequest(Leg leg, String kind, String url, String method, Map<String, Object> payload) {
        Outcome outcome = webhooks.request(kind, target(leg, url, method), payload);
        if (outcome.delivered()) {
            JsonNode ncco = webhooks.nccoOf(outcome.body());
            if (ncco == null && outcome.body() != null && !outcome.body().isBlank()) {
                errorEvent(leg, "Syntax error in NCCO. Invalid value type or action.");
            }
            return ncco;
        }
        if (config.fallbackAnswerUrl().isPresent()) {
            Map<String, Object> fallback = new LinkedHashMap<>(payload);
            fallback.put("reason", outcome.failure());
            fallback.put("original_request", Map.of("url", url, "type", "event"));
            Outcome second = webhooks.request("fallback", target(leg, config.fallbackAnswerUrl().get(), method), fallback);
            if (second.delivered()) {
                return webhooks.nccoOf(second.body());
            }
        }
        return null;
    }

    private void conversation(Leg leg, JsonNode action) {
        String name = action.path("name").asText();
        boolean startOnEnter = action.path("startOnEnter").asBoolean(true);
        boolean endOnExit = action.path("endOnExit").asBoolean(false);
        String moh = firstUrl(action.get("musicOnHoldUrl"));
        // a named conversation exists per region: the same name in two regions is two conversations
        String key = leg.region == null ? name : leg.region.name() + "/" + name;
        Conversation conv = conversations.compute(key, (n, existing) ->
                existing == null || existing.ended() ? new Conversation(name) : existing);
        if (!conv.uuid().equals(leg.conversationUuid)) {
            String fromConv = leg.conversationUuid;
            leg.conversationUuid = conv.uuid();
            transferEvent(leg, fromConv, conv.uuid());
        }
        leg.conversationName = name;
        leg.conversationKey = key;
        boolean startedNow = conv.join(new Conversation.Member(leg, startOnEnter, endOnExit));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("conversation_uuid", conv.uuid());
        data.put("startOnEnter", startOnEnter);
        data.put("endOnExit", endOnExit);
        data.put("members", conv.memberLegIds());
        if (leg.region != null) {
            data.put("region", leg.region.name());
        }
        transcript.add(Transcript.CONVERSATION_JOINED, leg.callId(), leg.uuid(), name,
                leg.to().value() + " joined conversation " + name, data);
        if (leg.region != null) {
            markSplit(leg, conv, name);
        }
        if (startedNow) {
            for (String member : conv.memberLegIds()) {
                Leg other = legs.get(member);
                if (other != null) {
                    transcript.add(Transcript.HEARD, other.callId(), other.uuid(), name,
                            "conversation " + name + " started: talking with the other members", Map.of("conversation", name));
                }
            }
        } else if (!conv.started()) {
            record(leg, Transcript.HEARD, moh == null ? "silence while waiting in " + name : "music on hold " + moh,
                    moh == null ? Map.of("conversation", name) : Map.of("conversation", name, "musicOnHoldUrl", moh));
        }
        try {
            while (true) {
                Signal s = await(leg, Long.MAX_VALUE);
                if (s instanceof Signal.ConversationEnded e && e.name().equals(name)) {
                    return;
                }
            }
        } finally {
            leaveConversation(leg);
        }
    }

    /**
     * Legs in the same-named conversation of another region: each side hears only its own region's members, so the
     * parties cannot hear each other (on Vonage: the agent leg created through the wrong region's host).
     */
    private void markSplit(Leg leg, Conversation conv, String name) {
        List<Leg> elsewhere = new ArrayList<>();
        for (Conversation other : conversations.values()) {
            if (other != conv && other.name().equals(name) && !other.ended()) {
                for (String member : other.memberLegIds()) {
                    Leg m = legs.get(member);
                    if (m != null && m.region != null && !m.region.name().equals(leg.region.name())) {
                        elsewhere.add(m);
                    }
                }
            }
        }
        if (elsewhere.isEmpty()) {
            return;
        }
        leg.split = true;
        for (Leg m : elsewhere) {
            m.split = true;
        }
        List<String> regionNames = new ArrayList<>();
        regionNames.add(leg.region.name());
        elsewhere.stream().map(m -> m.region.name()).filter(r -> !regionNames.contains(r)).forEach(regionNames::add);
        List<Leg> affected = new ArrayList<>(elsewhere);
        affected.add(leg);
        for (Leg m : affected) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("split", true);
            data.put("conversation", name);
            data.put("region", m.region.name());
            data.put("regions", regionNames);
            data.put("cannotHear", affected.stream().filter(o -> o != m && !o.region.name().equals(m.region.name()))
                    .map(Leg::uuid).toList());
            transcript.add(Transcript.HEARD, m.callId(), m.uuid(), name, "conversation " + name
                    + " is split across regions " + regionNames + ": the parties cannot hear each other", data);
        }
        LOG.warnf("conversation %s is split across regions %s", name, regionNames);
    }

    private void leaveConversation(Leg leg) {
        String name = leg.conversationName;
        if (name == null) {
            return;
        }
        leg.conversationName = null;
        String key = leg.conversationKey == null ? name : leg.conversationKey;
        leg.conversationKey = null;
        Conversation conv = conversations.get(key);
        if (conv == null) {
            return;
        }
        List<Leg> others = conv.leave(leg);
        transcript.add(Transcript.CONVERSATION_LEFT, leg.callId(), leg.uuid(), name,
                leg.to().value() + " left conversation " + name, Map.of("name", name, "ended", conv.ended()));
        for (Leg other : others) {
            other.signal(new Signal.ConversationEnded(name));
        }
        if (conv.ended()) {
            transcript.add(Transcript.CONVERSATION_LEFT, leg.callId(), leg.uuid(), name, "conversation " + name + " ended",
                    Map.of("name", name, "ended", true));
        }
    }

    private JsonNode connect(Leg leg, JsonNode action) {
        JsonNode endpoint = action.path("endpoint").path(0);
        String type = endpoint.path("type").asText("phone");
        String value = switch (type) {
            case "phone" -> endpoint.path("number").asText();
            case "app" -> endpoint.path("user").asText();
            case "vbc" -> endpoint.path("extension").asText();
            default -> endpoint.path("uri").asText();
        };
        String from = action.path("from").asText(null);
        Leg.Endpoint fromEndpoint = new Leg.Endpoint("phone", from != null ? from
                : "phone".equals(leg.to().type()) ? leg.to().value() : config.number());
        Leg other = new Leg(leg.callId(), "outbound", fromEndpoint, new Leg.Endpoint(type, value));
        String url = firstUrl(action.get("eventUrl"));
        other.eventUrl = url == null ? config.eventUrl() : url;
        other.eventMethod = action.path("eventMethod").asText("POST");
        other.ringingTimer = action.path("timeout").asInt(60);
        other.lengthTimer = action.path("limit").asInt(7200);
        other.parent = leg;
        other.synchronousConnect = "synchronous".equals(action.path("eventType").asText());
        other.conversationUuid = leg.conversationUuid;
        other.region = leg.region;
        legs.put(other.uuid(), other);
        String ringback = action.path("ringbackTone").asText(null);
        if (ringback != null) {
            record(leg, Transcript.HEARD, "ringback tone " + ringback, Map.of("ringbackTone", ringback));
        }
        status(other, "started", null, "connect to " + type + " " + value);
        start(other, () -> runConnected(other));
        try {
            while (true) {
                Signal s = await(leg, Long.MAX_VALUE);
                if (s instanceof Signal.PeerOutcome o && o.peer() == other) {
                    if ("answered".equals(o.status())) {
                        leg.peer = other;
                        other.peer = leg;
                        record(leg, Transcript.HEARD, "connected to " + type + " " + value, Map.of("peer", other.uuid()));
                        continue;
                    }
                    if (other.synchronousConnect) {
                        return nccoRequest(leg, "connect-event", other.eventUrl, other.eventMethod,
                                statusPayload(other, o.status(), o.detail()));
                    }
                    return null;
                }
                if (s instanceof Signal.PeerEnded p && p.peer() == other) {
                    leg.peer = null;
                    return null;
                }
            }
        } catch (Ended | Transferred e) {
            if (!other.ended) {
                other.signal(new Signal.Hangup(e instanceof Ended end ? end.by : "platform"));
            }
            throw e;
        }
    }

    /** The leg a connect created: rings, and once answered stays until one side hangs up. */
    private void runConnected(Leg leg) {
        if (!ring(leg)) {
            return;
        }
        String by = "platform";
        try {
            while (true) {
                Signal s = await(leg, Long.MAX_VALUE);
                if (s instanceof Signal.PeerEnded) {
                    break;
                }
            }
        } catch (Ended e) {
            by = e.by;
        } catch (Transferred t) {
            runNcco(leg, t.transfer.ncco() == null ? json.createArrayNode() : t.transfer.ncco());
            return;
        }
        end(leg, "completed", null, by);
    }

    private void record(Leg leg, JsonNode action) {
        String recordingUuid = UUID.randomUUID().toString();
        Instant started = Instant.now();
        String url = firstUrl(action.get("eventUrl"));
        String target = url == null ? leg.eventUrl : url;
        record(leg, Transcript.RECORD, "recording started", Map.of("recording_uuid", recordingUuid));
        double timeOut = action.path("timeOut").asDouble(7200);
        Runnable finish = new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (done) {
                    return;
                }
                done = true;
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("start_time", started.toString());
                payload.put("recording_url", recordingBase(leg) + "/v1/files/" + recordingUuid);
                payload.put("size", 12345);
                payload.put("recording_uuid", recordingUuid);
                payload.put("end_time", Instant.now().toString());
                payload.put("conversation_uuid", leg.conversationUuid);
                payload.put("timestamp", now());
                record(leg, Transcript.RECORD, "recording finished", payload);
                webhooks.event(target(leg, target, action.path("eventMethod").asText("POST")), payload);
            }
        };
        timer.schedule(finish, clock.realMillis(timeOut), TimeUnit.MILLISECONDS);
        onEnd.computeIfAbsent(leg.uuid(), k -> new ArrayList<>()).add(finish);
    }

    private final Map<String, List<Runnable>> onEnd = new ConcurrentHashMap<>();

    private String recordingBase(Leg leg) {
        return leg.region != null ? leg.region.url() : config.regionUrl().orElse("https://api.nexmo.com");
    }

    private JsonNode notify(Leg leg, JsonNode action) {
        String url = firstUrl(action.get("eventUrl"));
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = json.convertValue(action.path("payload"), Map.class);
        record(leg, Transcript.NOTIFY, "notify " + url, Map.of("payload", payload == null ? Map.of() : payload));
        return nccoRequest(leg, "notify", url == null ? leg.eventUrl : url, action.path("eventMethod").asText("POST"),
                payload == null ? Map.of() : payload);
    }

    // ---------------------------------------------------------------------------------------------- waiting

    private long deadline(double simSeconds) {
        if (simSeconds >= Double.MAX_VALUE / 8) {
            return Long.MAX_VALUE;
        }
        return System.currentTimeMillis() + clock.realMillis(simSeconds);
    }

    private Signal poll(Leg leg, long deadline) throws InterruptedException {
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
    private Signal await(Leg leg, long deadline) {
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

    // ---------------------------------------------------------------------------------------------- people

    private void schedule(Leg leg, double atSimSecond, CallerStep step) {
        timer.schedule(() -> perform(leg, step), clock.realMillis(atSimSecond), TimeUnit.MILLISECONDS);
    }

    private void perform(Leg leg, CallerStep step) {
        if (leg.ended) {
            return;
        }
        if (Boolean.TRUE.equals(step.hangup())) {
            hangupByPerson(leg);
        } else if (step.digits() != null) {
            press(leg, step.digits());
        }
    }

    /** A talk was heard: fire the caller's matching steps (each once). */
    private void heard(Leg leg, String text, boolean atStart) {
        String lower = text.toLowerCase(Locale.ROOT);
        synchronized (leg.heardSteps) {
            var it = leg.heardSteps.iterator();
            while (it.hasNext()) {
                CallerStep step = it.next();
                boolean during = Boolean.TRUE.equals(step.duringTalk());
                if (during == atStart && lower.contains(step.whenHeard().toLowerCase(Locale.ROOT))) {
                    it.remove();
                    schedule(leg, step.delaySeconds() == null ? 0.5 : step.delaySeconds(), step);
                }
            }
        }
    }

    /** A person presses keys on a leg's phone. */
    public void press(Leg leg, String digits) {
        record(leg, Transcript.DTMF, "pressed " + digits, Map.of("digits", digits));
        leg.signal(new Signal.Digits(digits));
    }

    public void hangupByPerson(Leg leg) {
        record(leg, Transcript.CONTROL, "hung up by the person", Map.of("by", "user"));
        leg.signal(new Signal.Hangup("user"));
    }

    // ---------------------------------------------------------------------------------------------- REST control

    public void modify(Leg leg, String action, JsonNode destination) {
        record(leg, Transcript.CONTROL, "REST " + action, destination == null ? Map.of("action", action)
                : Map.of("action", action, "destination", destination));
        switch (action) {
            case "hangup" -> leg.signal(new Signal.Hangup("platform"));
            case "mute" -> leg.muted = true;
            case "unmute" -> leg.muted = false;
            case "earmuff" -> leg.earmuffed = true;
            case "unearmuff" -> leg.earmuffed = false;
            case "transfer" -> {
                JsonNode ncco = destination.get("ncco");
                leg.signal(new Signal.Transfer(ncco != null && ncco.isArray() ? ncco : null,
                        ncco != null && ncco.isArray() ? null : firstUrl(destination.get("url"))));
            }
            default -> throw new IllegalArgumentException(action);
        }
    }

    // ---------------------------------------------------------------------------------------------- ending

    private void end(Leg leg, String status, String detail, String by) {
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
        leaveConversation(leg);
        List<Runnable> recordings = onEnd.remove(leg.uuid());
        if (recordings != null) {
            recordings.forEach(Runnable::run);
        }
        Leg peer = leg.peer;
        if (peer != null) {
            peer.signal(new Signal.PeerEnded(leg));
        } else if (leg.parent != null && leg.answeredAt != null) {
            leg.parent.signal(new Signal.PeerEnded(leg));
        }
        if (sendEvent) {
            status(leg, status, detail, null);
        } else {
            leg.status = status;
            record(leg, Transcript.LEG_STATUS, leg.to().value() + " " + status, Map.of("status", status));
        }
    }

    // ---------------------------------------------------------------------------------------------- webhooks

    private JsonNode fetchAnswer(Leg leg, String url, String method, Map<String, Object> payload, boolean inbound) {
        Outcome outcome = webhooks.request("answer", target(leg, url, method), payload);
        JsonNode ncco = outcome.delivered() ? webhooks.nccoOf(outcome.body()) : null;
        if (ncco != null) {
            return ncco;
        }
        if (outcome.delivered()) {
            errorEvent(leg, "Syntax error in NCCO. Invalid value type or action.");
        }
        if (config.fallbackAnswerUrl().isPresent()) {
            Map<String, Object> fallback = new LinkedHashMap<>(payload);
            fallback.put("reason", outcome.failure() == null ? "Invalid NCCO." : outcome.failure());
            fallback.put("original_request", Map.of("url", url, "type", "answer"));
            Outcome second = webhooks.request("fallback", target(leg, config.fallbackAnswerUrl().get(), method), fallback);
            if (second.delivered()) {
                JsonNode fallbackNcco = webhooks.nccoOf(second.body());
                if (fallbackNcco == null) {
                    errorEvent(leg, "Syntax error in NCCO. Invalid value type or action.");
                }
                return fallbackNcco;
            }
        }
        return null;
    }

    private Map<String, Object> answerPayload(Leg leg) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("to", leg.to().value());
        if (leg.from() != null && "app".equals(leg.from().type())) {
            p.put("from_user", leg.from().value());
        } else if (leg.from() != null) {
            p.put("from", leg.from().value());
        }
        p.put("endpoint_type", "inbound".equals(leg.direction()) ? leg.from().type() : leg.to().type());
        p.put("uuid", leg.uuid());
        p.put("conversation_uuid", leg.conversationUuid);
        if (leg.region != null) {
            p.put("region_url", leg.region.url());
        } else {
            config.regionUrl().ifPresent(r -> p.put("region_url", r));
        }
        return p;
    }

    private Map<String, Object> statusPayload(Leg leg, String status, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        if ("completed".equals(status)) {
            p.put("end_time", leg.endedAt == null ? now() : iso(leg.endedAt));
            p.put("uuid", leg.uuid());
            p.put("network", "GB-FIXED");
            p.put("duration", String.valueOf(leg.durationSeconds()));
            p.put("start_time", leg.answeredAt == null ? null : iso(leg.answeredAt));
            p.put("rate", "0.00000000");
            p.put("price", "0.00000000");
        } else if ("answered".equals(status)) {
            p.put("start_time", null);
            p.put("rate", null);
            p.put("uuid", leg.uuid());
            p.put("network", null);
        } else {
            p.put("uuid", leg.uuid());
        }
        p.put("from", leg.from() == null ? null : leg.from().value());
        p.put("to", leg.to().value());
        p.put("conversation_uuid", leg.conversationUuid);
        p.put("status", status);
        if (detail != null) {
            p.put("detail", detail);
        }
        p.put("direction", leg.direction());
        if ("completed".equals(status) && leg.disconnectedBy != null) {
            p.put("disconnected_by", leg.disconnectedBy);
        }
        p.put("timestamp", now());
        return p;
    }

    private void status(Leg leg, String status, String detail, String text) {
        leg.status = status;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status);
        if (detail != null) {
            data.put("detail", detail);
        }
        transcript.add(Transcript.LEG_STATUS, leg.callId(), leg.uuid(), leg.conversationName,
                text != null ? text : leg.to().type() + " " + leg.to().value() + " " + status
                        + (detail == null ? "" : " (" + detail + ")"), data);
        webhooks.event(target(leg, leg.eventUrl, leg.eventMethod), statusPayload(leg, status, detail));
    }

    private void transferEvent(Leg leg, String fromConv, String toConv) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation_uuid_from", fromConv);
        p.put("conversation_uuid_to", toConv);
        p.put("uuid", leg.uuid());
        p.put("timestamp", now());
        p.put("type", "transfer");
        webhooks.event(target(leg, leg.eventUrl, leg.eventMethod), p);
    }

    private void errorEvent(Leg leg, String reason) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("reason", reason);
        p.put("conversation_uuid", leg.conversationUuid);
        p.put("timestamp", now());
        record(leg, Transcript.ERROR, reason, Map.of("reason", reason));
        webhooks.event(target(leg, leg.eventUrl, leg.eventMethod), p);
    }

    private Target target(Leg leg, String url, String method) {
        return new Target(url, method, leg.callId(), leg.uuid(), leg.conversationName);
    }

    private void record(Leg leg, String type, String text, Map<String, Object> data) {
        transcript.add(type, leg.callId(), leg.uuid(), leg.conversationName, text, data);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static String firstUrl(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            return node.size() == 0 ? null : node.get(0).asText(null);
        }
        return node.asText(null);
    }

    static String now() {
        return iso(Instant.now());
    }

    public static String iso(Instant instant) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .replaceFirst("(\\d\\d:\\d\\d:\\d\\d)Z$", "$1.000Z");
    }

    public ArrayNode emptyNcco() {
        return json.createArrayNode();
    }
}
