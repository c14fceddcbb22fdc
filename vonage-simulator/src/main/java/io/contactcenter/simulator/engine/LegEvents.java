package io.contactcenter.simulator.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.contactcenter.simulator.config.SimulatorConfig;
import io.contactcenter.simulator.transcript.Transcript;
import io.contactcenter.simulator.webhook.WebhookSender;
import io.contactcenter.simulator.webhook.WebhookSender.Outcome;
import io.contactcenter.simulator.webhook.WebhookSender.Target;

/**
 * What a leg tells the outside world: status, transfer and error events, the webhooks that answer with an NCCO (with
 * Vonage's fallback), and the transcript lines that go with them.
 */
@ApplicationScoped
public class LegEvents {

    static final String SYNTAX_ERROR = "Syntax error in NCCO. Invalid value type or action.";

    private final SimulatorConfig config;
    private final Transcript transcript;
    private final WebhookSender webhooks;

    public LegEvents(SimulatorConfig config, Transcript transcript, WebhookSender webhooks) {
        this.config = config;
        this.transcript = transcript;
        this.webhooks = webhooks;
    }

    void status(Leg leg, String status, String detail, String text) {
        leg.status = status;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status);
        if (detail != null) {
            data.put("detail", detail);
        }
        record(leg, Transcript.LEG_STATUS, text != null ? text : leg.to().type() + " " + leg.to().value() + " " + status
                + (detail == null ? "" : " (" + detail + ")"), data);
        webhooks.event(target(leg, leg.eventUrl, leg.eventMethod), WebhookPayloads.status(leg, status, detail));
    }

    void transfer(Leg leg, String fromConversation, String toConversation) {
        webhooks.event(target(leg, leg.eventUrl, leg.eventMethod),
                WebhookPayloads.transfer(leg, fromConversation, toConversation));
    }

    void error(Leg leg, String reason) {
        record(leg, Transcript.ERROR, reason, Map.of("reason", reason));
        webhooks.event(target(leg, leg.eventUrl, leg.eventMethod), WebhookPayloads.error(leg, reason));
    }

    /** An event to a URL of the NCCO's choosing (e.g. a recording's eventUrl). */
    void event(Leg leg, String url, String method, Map<String, Object> payload) {
        webhooks.event(target(leg, url, method), payload);
    }

    Map<String, Object> answerPayload(Leg leg) {
        return WebhookPayloads.answer(leg, config.regionUrl());
    }

    /** The answer webhook, then the fallback answer URL; null when neither gave a valid NCCO. */
    JsonNode fetchAnswer(Leg leg, String url, String method) {
        Map<String, Object> payload = answerPayload(leg);
        Outcome outcome = webhooks.request("answer", target(leg, url, method), payload);
        JsonNode ncco = outcome.delivered() ? webhooks.nccoOf(outcome.body()) : null;
        if (ncco != null) {
            return ncco;
        }
        if (outcome.delivered()) {
            error(leg, SYNTAX_ERROR);
        }
        if (config.fallbackAnswerUrl().isPresent()) {
            Outcome second = fallback(leg, method, payload, outcome.failure() == null ? "Invalid NCCO." : outcome.failure(),
                    url, "answer");
            if (second.delivered()) {
                JsonNode fallbackNcco = webhooks.nccoOf(second.body());
                if (fallbackNcco == null) {
                    error(leg, SYNTAX_ERROR);
                }
                return fallbackNcco;
            }
        }
        return null;
    }

    /** A webhook that may answer with an NCCO: url tried, then the fallback; the call goes on either way. */
    JsonNode nccoRequest(Leg leg, String kind, String url, String method, Map<String, Object> payload) {
        Outcome outcome = webhooks.request(kind, target(leg, url, method), payload);
        if (outcome.delivered()) {
            JsonNode ncco = webhooks.nccoOf(outcome.body());
            if (ncco == null && outcome.body() != null && !outcome.body().isBlank()) {
                error(leg, SYNTAX_ERROR);
            }
            return ncco;
        }
        if (config.fallbackAnswerUrl().isPresent()) {
            Outcome second = fallback(leg, method, payload, outcome.failure(), url, "event");
            if (second.delivered()) {
                return webhooks.nccoOf(second.body());
            }
        }
        return null;
    }

    private Outcome fallback(Leg leg, String method, Map<String, Object> payload, String reason, String url, String type) {
        Map<String, Object> fallback = new LinkedHashMap<>(payload);
        fallback.put("reason", reason);
        fallback.put("original_request", Map.of("url", url, "type", type));
        return webhooks.request("fallback", target(leg, config.fallbackAnswerUrl().get(), method), fallback);
    }

    void record(Leg leg, String type, String text, Map<String, Object> data) {
        transcript.add(type, leg.callId(), leg.uuid(), leg.conversationName, text, data);
    }

    /** A transcript line under a conversation name the leg may not carry (any more or yet). */
    void record(Leg leg, String conversation, String type, String text, Map<String, Object> data) {
        transcript.add(type, leg.callId(), leg.uuid(), conversation, text, data);
    }

    private Target target(Leg leg, String url, String method) {
        return new Target(url, method, leg.callId(), leg.uuid(), leg.conversationName);
    }
}
