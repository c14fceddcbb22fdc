package io.contactcenter.gateway.service;

import io.contactcenter.events.CallEvent;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.events.SurveyDialogue;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.gateway.messaging.EventPublisher;
import io.contactcenter.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The survey prompt's input webhook, by the rules of {@link SurveyDialogue} (shared with the survey service): a score
 * gets the thank-you, anything else on the first prompt the re-prompt, then goodbye. The caller
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

    public WebhookReply input(Payload payload, int attempt) {
        String callId = payload.required("uuid");
        Payload.Dtmf dtmf = payload.dtmf();
        Instant occurredAt = payload.instant("timestamp");
        String digits = dtmf.pressed();
        SurveyDialogue.Step step = SurveyDialogue.judge(digits, attempt);
        String ncco = switch (step) {
            case ANSWERED -> nccos.talk(config.survey().thankYou());
            case RETRY -> nccos.surveyPrompt(config.survey().retryPrompt(), SurveyDialogue.PROMPTS);
            case INVALID, NO_INPUT -> nccos.talk(config.survey().goodbye());
        };
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put(CallEvent.Detail.ATTEMPT.key(), Integer.toString(attempt));
        detail.put(CallEvent.Detail.OUTCOME.key(), step.name());
        CallEvent event = new CallEvent(EventIds.of(EventKind.SURVEY_INPUT, callId, attempt, digits, occurredAt),
                CallEvent.VERSION, callId, callId, Role.CALLER, null, EventKind.SURVEY_INPUT, null, digits,
                dtmf.timedOut(), payload.text("from"), payload.text("to"), payload.text("conversation_uuid"), null,
                occurredAt, Instant.now(), detail);
        if (!publisher.publishAndWait(event, config.kafka().ackTimeout())) {
            throw new ProblemException(503, "Service Unavailable", "the survey answer could not be stored yet; retry");
        }
        return new WebhookReply(ncco, step.name().toLowerCase(Locale.ROOT));
    }
}
