package io.contactcenter.simulator.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactcenter.simulator.config.SimulatorConfig;
import io.contactcenter.simulator.engine.LegLifecycle.Ended;
import io.contactcenter.simulator.engine.LegLifecycle.Transferred;
import io.contactcenter.simulator.transcript.Transcript;

/**
 * Runs a leg's NCCO action by action on the leg's thread: talk, stream, input, conversation, connect, record,
 * notify, wait. A webhook's NCCO replaces the rest; a REST transfer replaces the whole NCCO; when it runs out the
 * leg completes.
 */
@ApplicationScoped
public class NccoInterpreter {

    private final SimulatorConfig config;
    private final LegLifecycle lifecycle;
    private final LegEvents events;
    private final Conversations conversations;
    private final Recordings recordings;
    private final People people;
    private final SimClock clock;
    private final ObjectMapper json;

    public NccoInterpreter(SimulatorConfig config, LegLifecycle lifecycle, LegEvents events, Conversations conversations,
                           Recordings recordings, People people, SimClock clock, ObjectMapper json) {
        this.clock = clock;
        this.config = config;
        this.lifecycle = lifecycle;
        this.events = events;
        this.conversations = conversations;
        this.recordings = recordings;
        this.people = people;
        this.json = json;
    }

    /** Runs the NCCO (and whatever replaces it) to its end, then completes the leg. */
    void run(Leg leg, JsonNode ncco) {
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
                        next = events.fetchAnswer(leg, t.transfer.url(), "GET");
                    }
                    conversations.leave(leg);
                    String fromConv = leg.conversationUuid;
                    leg.conversationUuid = "CON-" + UUID.randomUUID();
                    events.transfer(leg, fromConv, leg.conversationUuid);
                    actions.clear();
                    if (next != null) {
                        load(leg, actions, next, "transfer");
                    }
                }
            }
        } catch (Ended e) {
            by = e.by;
        }
        lifecycle.end(leg, "completed", null, by);
    }

    private void load(Leg leg, Deque<JsonNode> actions, JsonNode ncco, String source) {
        if (ncco == null || !ncco.isArray()) {
            return;
        }
        ncco.forEach(actions::addLast);
        events.record(leg, Transcript.NCCO, "NCCO (" + source + "): " + ncco.size() + " action(s)",
                Map.of("source", source, "ncco", ncco));
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
                events.record(leg, Transcript.ERROR, "unknown NCCO action " + name, Map.of("action", action));
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
        events.record(leg, Transcript.HEARD, "\"" + plain + "\"", data);
        people.heard(leg, plain, true);
        play(leg, seconds, bargeIn);
        people.heard(leg, plain, false);
    }

    /** Text played into a live leg by the REST API: heard at once, without interrupting the leg's NCCO. */
    void talkInto(Leg leg, String text) {
        String plain = text.replaceAll("<[^>]+>", " ").trim();
        events.record(leg, Transcript.HEARD, "\"" + plain + "\"", Map.of("text", text, "into", true));
        people.heard(leg, plain, true);
        people.heard(leg, plain, false);
    }

    private void stream(Leg leg, JsonNode action) {
        String url = WebhookPayloads.firstUrl(action.get("streamUrl"));
        int loop = action.path("loop").asInt(1);
        boolean bargeIn = action.path("bargeIn").asBoolean(false);
        double seconds = loop <= 0 ? Double.MAX_VALUE / 4 : config.streamSeconds() * loop;
        events.record(leg, Transcript.HEARD, "audio stream " + url,
                Map.of("streamUrl", String.valueOf(url), "loop", loop, "bargeIn", bargeIn));
        play(leg, seconds, bargeIn);
    }

    /** Plays for simulated seconds; with bargeIn a key press stops it (the digits stay for the next input). */
    private void play(Leg leg, double seconds, boolean bargeIn) {
        long deadline = lifecycle.deadline(seconds);
        while (true) {
            Signal s = lifecycle.await(leg, deadline);
            if (s == null) {
                return;
            }
            if (s instanceof Signal.Digits d) {
                if (bargeIn) {
                    leg.pendingDigits.append(d.digits());
                    return;
                }
                events.record(leg, Transcript.DTMF, "digits " + d.digits() + " ignored (no bargeIn)",
                        Map.of("digits", d.digits(), "ignored", true));
            }
        }
    }

    private void pause(Leg leg, double seconds) {
        long deadline = lifecycle.deadline(seconds);
        while (lifecycle.await(leg, deadline) != null) {
            // ignore whatever arrives
        }
    }

    private JsonNode input(Leg leg, JsonNode action) {
        List<String> types = new ArrayList<>();
        action.path("type").forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            types.add(action.has("speech") ? "speech" : "dtmf");
        }
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
            long deadline = lifecycle.deadline(timeOut);
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
                Signal s = lifecycle.await(leg, deadline);
                if (s == null) {
                    break;
                }
                if (s instanceof Signal.Digits d) {
                    pending = d.digits();
                    deadline = lifecycle.deadline(timeOut);
                } else {
                    pending = "";
                }
            }
            dtmf.put("digits", digits.toString());
            dtmf.put("timed_out", timedOut);
            events.record(leg, Transcript.INPUT, "input: digits \"" + digits + "\"" + (timedOut ? " (timed out)" : ""),
                    Map.of("digits", digits.toString(), "timed_out", timedOut));
        } else {
            double startTimeout = action.path("speech").path("startTimeout").asDouble(10);
            pause(leg, startTimeout);
            speech.put("timeout_reason", "start_timeout");
            dtmf.put("digits", null);
            dtmf.put("timed_out", false);
            events.record(leg, Transcript.INPUT, "input: no speech (start_timeout)", Map.of("speech", "start_timeout"));
        }
        String url = WebhookPayloads.firstUrl(action.get("eventUrl"));
        return events.nccoRequest(leg, "input", url == null ? leg.eventUrl : url, action.path("eventMethod").asText("POST"),
                WebhookPayloads.input(leg, speech, dtmf));
    }

    /** Joins the named conversation and stays in it until it ends (or the leg is hung up or transferred). */
    private void conversation(Leg leg, JsonNode action) {
        conversations.join(leg, action);
        String name = leg.conversationName;
        try {
            while (true) {
                Signal s = lifecycle.await(leg, Long.MAX_VALUE);
                if (s instanceof Signal.ConversationEnded e && e.name().equals(name)) {
                    return;
                }
            }
        } finally {
            conversations.leave(leg);
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
        String url = WebhookPayloads.firstUrl(action.get("eventUrl"));
        other.eventUrl = url == null ? config.eventUrl() : url;
        other.eventMethod = action.path("eventMethod").asText("POST");
        other.ringingTimer = action.path("timeout").asInt(60);
        other.lengthTimer = action.path("limit").asInt(7200);
        other.parent = leg;
        other.synchronousConnect = "synchronous".equals(action.path("eventType").asText());
        other.conversationUuid = leg.conversationUuid;
        other.region = leg.region;
        String ringback = action.path("ringbackTone").asText(null);
        if (ringback != null) {
            events.record(leg, Transcript.HEARD, "ringback tone " + ringback, Map.of("ringbackTone", ringback));
        }
        lifecycle.start(other, "connect to " + type + " " + value, () -> runConnected(other));
        try {
            while (true) {
                Signal s = lifecycle.await(leg, Long.MAX_VALUE);
                if (s instanceof Signal.PeerOutcome o && o.peer() == other) {
                    if ("answered".equals(o.status())) {
                        leg.peer = other;
                        other.peer = leg;
                        events.record(leg, Transcript.HEARD, "connected to " + type + " " + value,
                                Map.of("peer", other.uuid()));
                        continue;
                    }
                    if (other.synchronousConnect) {
                        return events.nccoRequest(leg, "connect-event", other.eventUrl, other.eventMethod,
                                WebhookPayloads.status(other, o.status(), o.detail()));
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
        if (!lifecycle.ring(leg)) {
            return;
        }
        String by = "platform";
        try {
            while (true) {
                Signal s = lifecycle.await(leg, Long.MAX_VALUE);
                if (s instanceof Signal.PeerEnded) {
                    break;
                }
            }
        } catch (Ended e) {
            by = e.by;
        } catch (Transferred t) {
            run(leg, t.transfer.ncco() == null ? json.createArrayNode() : t.transfer.ncco());
            return;
        }
        lifecycle.end(leg, "completed", null, by);
    }

    /** A record action: asynchronous, ends with the leg or after its timeOut. */
    private void record(Leg leg, JsonNode action) {
        Runnable finish = recordings.start(leg, "record action", WebhookPayloads.firstUrl(action.get("eventUrl")),
                action.path("eventMethod").asText("POST"));
        clock.after(action.path("timeOut").asDouble(7200), finish);
        leg.onEnd.add(finish);
    }

    private JsonNode notify(Leg leg, JsonNode action) {
        String url = WebhookPayloads.firstUrl(action.get("eventUrl"));
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = json.convertValue(action.path("payload"), Map.class);
        events.record(leg, Transcript.NOTIFY, "notify " + url, Map.of("payload", payload == null ? Map.of() : payload));
        return events.nccoRequest(leg, "notify", url == null ? leg.eventUrl : url, action.path("eventMethod").asText("POST"),
                payload == null ? Map.of() : payload);
    }
}
