package io.contactcenter.simulator.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Validates Voice API request bodies and NCCOs like Vonage does; collects {name, reason} pairs. */
final class VoiceValidation {

    static final Set<String> ACTIONS = Set.of("talk", "stream", "input", "conversation", "connect", "record", "notify",
            "wait");
    static final Set<String> MODIFY_ACTIONS = Set.of("hangup", "mute", "unmute", "earmuff", "unearmuff", "transfer");

    private final List<Map<String, String>> problems = new ArrayList<>();

    List<Map<String, String>> problems() {
        return problems;
    }

    boolean ok() {
        return problems.isEmpty();
    }

    void fail(String name, String reason) {
        problems.add(Map.of("name", name, "reason", reason));
    }

    void createCall(JsonNode body) {
        if (body == null || !body.isObject()) {
            fail("body", "must be a JSON object");
            return;
        }
        JsonNode to = body.get("to");
        if (to == null || !to.isArray() || to.isEmpty()) {
            fail("to", "is required and must be a non-empty array of endpoints");
        } else {
            for (int i = 0; i < to.size(); i++) {
                endpoint("to[" + i + "]", to.get(i), true);
            }
        }
        JsonNode from = body.get("from");
        boolean random = body.path("random_from_number").asBoolean(false);
        if (from != null && !from.isNull()) {
            if (random) {
                fail("from", "must not be set together with random_from_number");
            }
            if (!from.isObject() || !"phone".equals(from.path("type").asText()) && !"sip".equals(from.path("type").asText())) {
                fail("from", "must be a phone (or sip) endpoint");
            } else if ("phone".equals(from.path("type").asText())) {
                phoneNumber("from.number", from.get("number"));
            }
        } else if (!random) {
            fail("from", "is required unless random_from_number is true");
        }
        boolean hasNcco = body.hasNonNull("ncco");
        boolean hasAnswer = body.hasNonNull("answer_url");
        if (hasNcco == hasAnswer) {
            fail("ncco", "exactly one of ncco or answer_url is required");
        }
        if (hasNcco) {
            ncco("ncco", body.get("ncco"));
        }
        if (hasAnswer) {
            urls("answer_url", body.get("answer_url"));
        }
        if (body.hasNonNull("event_url")) {
            urls("event_url", body.get("event_url"));
        }
        method("answer_method", body.get("answer_method"));
        method("event_method", body.get("event_method"));
        range("ringing_timer", body.get("ringing_timer"), 1, 120);
        range("length_timer", body.get("length_timer"), 1, 86400);
        JsonNode md = body.get("machine_detection");
        if (md != null && !md.isNull() && !Set.of("continue", "hangup").contains(md.asText())) {
            fail("machine_detection", "must be continue or hangup");
        }
    }

    void modify(JsonNode body) {
        if (body == null || !body.isObject()) {
            fail("body", "must be a JSON object");
            return;
        }
        String action = body.path("action").asText("");
        if (!MODIFY_ACTIONS.contains(action)) {
            fail("action", "must be one of " + MODIFY_ACTIONS);
            return;
        }
        if ("transfer".equals(action)) {
            JsonNode destination = body.get("destination");
            if (destination == null || !destination.isObject() || !"ncco".equals(destination.path("type").asText())) {
                fail("destination", "must be an object with type ncco");
                return;
            }
            boolean hasNcco = destination.hasNonNull("ncco");
            boolean hasUrl = destination.hasNonNull("url");
            if (hasNcco == hasUrl) {
                fail("destination", "exactly one of ncco or url is required");
            } else if (hasNcco) {
                ncco("destination.ncco", destination.get("ncco"));
            } else {
                urls("destination.url", destination.get("url"));
            }
        }
    }

    void ncco(String name, JsonNode ncco) {
        if (ncco == null || !ncco.isArray()) {
            fail(name, "must be an array of actions");
            return;
        }
        for (int i = 0; i < ncco.size(); i++) {
            action(name + "[" + i + "]", ncco.get(i));
        }
    }

    private void action(String name, JsonNode a) {
        if (a == null || !a.isObject() || !ACTIONS.contains(a.path("action").asText())) {
            fail(name + ".action", "must be one of " + ACTIONS);
            return;
        }
        switch (a.path("action").asText()) {
            case "talk" -> {
                JsonNode text = a.get("text");
                if (text == null || !text.isTextual() || text.asText().isBlank()) {
                    fail(name + ".text", "is required");
                } else if (text.asText().replaceAll("<[^>]+>", "").length() > 1500) {
                    fail(name + ".text", "must be at most 1500 characters");
                }
                bool(name + ".bargeIn", a.get("bargeIn"));
                range(name + ".loop", a.get("loop"), 0, 100);
                level(name + ".level", a.get("level"));
            }
            case "stream" -> {
                urls(name + ".streamUrl", a.get("streamUrl"));
                bool(name + ".bargeIn", a.get("bargeIn"));
                range(name + ".loop", a.get("loop"), 0, 100);
                level(name + ".level", a.get("level"));
            }
            case "input" -> {
                JsonNode type = a.get("type");
                if (type == null || !type.isArray() || type.isEmpty()) {
                    fail(name + ".type", "is required: an array of dtmf and/or speech");
                } else {
                    type.forEach(t -> {
                        if (!Set.of("dtmf", "speech").contains(t.asText())) {
                            fail(name + ".type", "must contain only dtmf or speech");
                        }
                    });
                }
                JsonNode dtmf = a.get("dtmf");
                if (dtmf != null && !dtmf.isNull()) {
                    if (!dtmf.isObject()) {
                        fail(name + ".dtmf", "must be an object");
                    } else {
                        range(name + ".dtmf.maxDigits", dtmf.get("maxDigits"), 1, 20);
                        range(name + ".dtmf.timeOut", dtmf.get("timeOut"), 0, 10);
                        bool(name + ".dtmf.submitOnHash", dtmf.get("submitOnHash"));
                    }
                }
                if (a.hasNonNull("eventUrl")) {
                    urls(name + ".eventUrl", a.get("eventUrl"));
                }
                method(name + ".eventMethod", a.get("eventMethod"));
            }
            case "conversation" -> {
                JsonNode n = a.get("name");
                if (n == null || !n.isTextual() || n.asText().isBlank()) {
                    fail(name + ".name", "is required");
                }
                if (a.hasNonNull("musicOnHoldUrl")) {
                    urls(name + ".musicOnHoldUrl", a.get("musicOnHoldUrl"));
                }
                bool(name + ".startOnEnter", a.get("startOnEnter"));
                bool(name + ".endOnExit", a.get("endOnExit"));
                bool(name + ".record", a.get("record"));
            }
            case "connect" -> {
                JsonNode endpoint = a.get("endpoint");
                if (endpoint == null || !endpoint.isArray() || endpoint.size() != 1) {
                    fail(name + ".endpoint", "must be an array with exactly one endpoint");
                } else {
                    endpoint(name + ".endpoint[0]", endpoint.get(0), false);
                }
                if (a.hasNonNull("from") && a.path("randomFromNumber").asBoolean(false)) {
                    fail(name + ".from", "must not be set together with randomFromNumber");
                }
                range(name + ".timeout", a.get("timeout"), 3, 7200);
                range(name + ".limit", a.get("limit"), 1, 7200);
                if (a.hasNonNull("eventType") && !"synchronous".equals(a.get("eventType").asText())) {
                    fail(name + ".eventType", "must be synchronous");
                }
                if (a.hasNonNull("eventUrl")) {
                    urls(name + ".eventUrl", a.get("eventUrl"));
                }
            }
            case "record" -> {
                JsonNode format = a.get("format");
                if (format != null && !Set.of("mp3", "wav", "ogg").contains(format.asText())) {
                    fail(name + ".format", "must be mp3, wav or ogg");
                }
                range(name + ".endOnSilence", a.get("endOnSilence"), 3, 10);
                range(name + ".timeOut", a.get("timeOut"), 3, 7200);
                if (a.hasNonNull("eventUrl")) {
                    urls(name + ".eventUrl", a.get("eventUrl"));
                }
            }
            case "notify" -> {
                if (!a.path("payload").isObject()) {
                    fail(name + ".payload", "is required and must be an object");
                }
                urls(name + ".eventUrl", a.get("eventUrl"));
            }
            default -> range(name + ".timeout", a.get("timeout"), 0.1, 7200);
        }
    }

    private void endpoint(String name, JsonNode e, boolean rest) {
        if (e == null || !e.isObject()) {
            fail(name, "must be an endpoint object");
            return;
        }
        String type = e.path("type").asText("");
        switch (type) {
            case "phone" -> phoneNumber(name + ".number", e.get("number"));
            case "app" -> required(name + ".user", e.get("user"));
            case "sip" -> {
                JsonNode uri = e.get("uri");
                if (uri == null || !uri.asText("").startsWith("sip:") && !uri.asText("").startsWith("sips:")) {
                    fail(name + ".uri", "must be a sip: URI");
                }
            }
            case "websocket" -> {
                JsonNode uri = e.get("uri");
                if (uri == null || !uri.asText("").startsWith("ws")) {
                    fail(name + ".uri", "must be a ws:// or wss:// URI");
                }
                required(name + ".content-type", e.get("content-type"));
            }
            case "vbc" -> required(name + ".extension", e.get("extension"));
            default -> fail(name + ".type", "must be one of phone, app, sip, websocket, vbc");
        }
    }

    private void phoneNumber(String name, JsonNode number) {
        if (number == null || !number.asText("").matches("\\d{6,15}")) {
            fail(name, "must be an E.164 number without +");
        }
    }

    private void required(String name, JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            fail(name, "is required");
        }
    }

    /** A URL or an array with one URL (Vonage sends arrays; a bare string is tolerated). */
    private void urls(String name, JsonNode node) {
        JsonNode url = node != null && node.isArray() ? (node.size() == 1 ? node.get(0) : null) : node;
        if (url == null || !url.isTextual()) {
            fail(name, "must be an array with one URL");
            return;
        }
        try {
            URI uri = URI.create(url.asText());
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                fail(name, "must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException ex) {
            fail(name, "must be a valid URL");
        }
    }

    private void method(String name, JsonNode m) {
        if (m != null && !m.isNull() && !Set.of("GET", "POST").contains(m.asText())) {
            fail(name, "must be GET or POST");
        }
    }

    private void bool(String name, JsonNode b) {
        if (b != null && !b.isNull() && !b.isBoolean()) {
            fail(name, "must be a boolean");
        }
    }

    private void level(String name, JsonNode l) {
        range(name, l, -1, 1);
    }

    private void range(String name, JsonNode n, double min, double max) {
        if (n == null || n.isNull()) {
            return;
        }
        if (!n.isNumber() && !(n.isTextual() && n.asText().matches("-?\\d+(\\.\\d+)?"))) {
            fail(name, "must be a number");
            return;
        }
        double v = n.asDouble();
        if (v < min || v > max) {
            fail(name, "must be between " + fmt(min) + " and " + fmt(max));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
