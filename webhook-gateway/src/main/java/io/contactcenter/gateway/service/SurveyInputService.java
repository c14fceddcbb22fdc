package io.contactcenter.gateway.service;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.gateway.messaging.EventPublisher;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The survey prompt's input webhook: 1–5 is a score, anything else gets one re-prompt, then goodbye. The caller
 * hears the answer only once Kafka acknowledged the SURVEY_INPUT event (else 503 and Vonage retries), so no score
 * is lost.
 */
@ApplicationScoped
public class SurveyInputService {

    private final Nccos nccos;
    private final EventPublisher publisher;
    private final GatewayConfig config;

    public SurveyInputService(Nccos nccos, EventPublisher publisher, GatewayConfig config) {
        this.nccos = nccos;
        this.publisher = publisher;
        this.config = config;
    }

    public record Result(String ncco, String outcome) {
    }

    public Result input(Payload payload, int attempt) {
        String callId = payload.required("uuid");
        Payload.Dtmf dtmf = payload.dtmf();
        Instant occurredAt = payload.instant("timestamp");
        String digits = dtmf.pressed();
        boolean score = digits != null && digits.length() == 1 && digits.charAt(0) >= '1' && digits.charAt(0) <= '5';

        String outcome;
        String ncco;
        if (score) {
            outcome = "ANSWERED";
            ncco = nccos.talk(config.survey().thankYou());
        } else if (attempt <= 1) {
            outcome = "RETRY";
            ncco = nccos.surveyPrompt(config.survey().retryPrompt(), 2);
        } else {
            outcome = digits == null ? "NO_INPUT" : "INVALID";
            ncco = nccos.talk(config.survey().goodbye());
        }
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("attempt", Integer.toString(attempt));
        detail.put("outcome", outcome);
        CallEvent event = new CallEvent(EventIds.of(EventKind.SURVEY_INPUT, callId, attempt, digits, occurredAt),
                CallEvent.VERSION, callId, callId, Role.CALLER, null, EventKind.SURVEY_INPUT, null, digits,
                dtmf.timedOut(), payload.text("from"), payload.text("to"), payload.text("conversation_uuid"), null,
                occurredAt, Instant.now(), detail);
        if (!publisher.publishAndWait(event, config.kafka().ackTimeout())) {
            throw new ProblemException(503, "Service Unavailable", "the survey answer could not be stored yet; retry");
        }
        return new Result(ncco, outcome.toLowerCase());
    }
}
