package io.contactcenter.gateway.service;

import com.vonage.client.voice.ncco.Action;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.TalkAction;
import io.contactcenter.events.CallEvent;
import io.contactcenter.events.EventKind;
import io.contactcenter.events.Role;
import io.contactcenter.directory.client.DirectoryModel.Department;
import io.contactcenter.gateway.config.CallbackConfig;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.gateway.messaging.EventPublisher;
import io.contactcenter.support.problem.ProblemException;
import io.contactcenter.support.webhook.GatewayWebhooks;
import io.contactcenter.support.webhook.WebhookUrls;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The callback dialogue of a waiting caller (routing moved their leg out of the waiting conversation to its offer,
 * "press 1 to be called back"). Step {@code offer}: 1 → the number prompt (confirm the number they call from, or key
 * another followed by {@code #}); anything else → back into the waiting conversation {@code cc-<callId>}. Step
 * {@code number}: a callable number → a CALLBACK_INPUT event with outcome {@code CALLBACK_REQUESTED} and the number in
 * {@code to}; once Kafka acknowledged it the caller hears the confirmation and the call ends (routing keeps its place
 * in line); not callable → the prompt again, at most {@code gateway.callback.max-attempts} times, then back to waiting.
 */
@ApplicationScoped
public class CallbackInputService {

    /** E.164 without '+', as Vonage writes numbers: what routing can call back. */
    private static final Pattern CALLABLE = Pattern.compile("\\d{6,15}");

    private final MenuCache menus;
    private final Nccos nccos;
    private final EventPublisher publisher;
    private final WebhookUrls urls;
    private final CallbackConfig config;
    private final GatewayConfig gateway;

    public CallbackInputService(MenuCache menus, Nccos nccos, EventPublisher publisher, WebhookUrls urls,
            CallbackConfig config, GatewayConfig gateway) {
        this.menus = menus;
        this.nccos = nccos;
        this.publisher = publisher;
        this.urls = urls;
        this.config = config;
        this.gateway = gateway;
    }

    public record Result(String ncco, String outcome) {
    }

    /** Our signed URL's parameters: whose waiting call, which department's music, which step and prompt. */
    public record Step(String callId, String departmentId, String step, int attempt, String regionUrl) {

        public Step {
            if (!GatewayWebhooks.OFFER.equals(step) && !GatewayWebhooks.NUMBER.equals(step)) {
                throw ProblemException.badRequest("query parameter 'step' must be offer or number");
            }
        }
    }

    public Result input(Payload payload, Step step) {
        String legId = payload.required("uuid");
        Payload.Dtmf dtmf = payload.dtmf();
        Instant occurredAt = payload.instant("timestamp");
        // from Vonage's signed body, never from a URL (no caller numbers in URLs)
        String callerNumber = payload.text("from");
        String pressed = dtmf.pressed();
        String callbackNumber = null;
        String outcome;
        String ncco;
        if (GatewayWebhooks.OFFER.equals(step.step())) {
            if ("1".equals(pressed)) {
                outcome = "ACCEPTED";
                ncco = numberPrompt(step, 1, callerNumber, "");
            } else {
                outcome = "DECLINED";
                ncco = backToWaiting(step, List.of());
            }
        } else {
            callbackNumber = "1".equals(pressed) && callable(callerNumber) ? callerNumber
                    : callable(pressed) ? pressed : null;
            if (callbackNumber != null) {
                outcome = "CALLBACK_REQUESTED";
                ncco = null; // once Kafka acknowledged the request
            } else if (step.attempt() < config.maxAttempts()) {
                outcome = "RETRY";
                ncco = numberPrompt(step, step.attempt() + 1, callerNumber, config.invalidNumber() + " ");
            } else {
                outcome = "INVALID";
                ncco = backToWaiting(step, List.of());
            }
        }
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put(CallEvent.Detail.ATTEMPT.key(), Integer.toString(step.attempt()));
        detail.put(CallEvent.Detail.OUTCOME.key(), outcome);
        detail.put(CallEvent.Detail.DEPARTMENT.key(), step.departmentId());
        detail.put("step", step.step());
        CallEvent event = new CallEvent(
                EventIds.of(EventKind.CALLBACK_INPUT, step.callId(), step.step() + step.attempt(), pressed, occurredAt),
                CallEvent.VERSION, step.callId(), legId, Role.CALLER, null, EventKind.CALLBACK_INPUT, null, pressed,
                dtmf.timedOut(), callerNumber, callbackNumber, payload.text("conversation_uuid"), step.regionUrl(),
                occurredAt, Instant.now(), detail);
        if (callbackNumber == null) {
            publisher.publishInBackground(event);
            return new Result(ncco, outcome.toLowerCase());
        }
        if (!publisher.publishAndWait(event, gateway.kafka().routeAckTimeout())) {
            // routing will not call back: the caller keeps waiting on the line instead
            return new Result(backToWaiting(step, List.of(TalkAction.builder(config.unavailable()).build())),
                    "not_acknowledged");
        }
        return new Result(nccos.talk(config.confirmed().replace("{number}", digitByDigit(callbackNumber))),
                "callback_requested");
    }

    private String numberPrompt(Step step, int attempt, String callerNumber, String prefix) {
        String prompt = callable(callerNumber)
                ? config.confirmOwnNumber().replace("{last}",
                        digitByDigit(callerNumber.substring(callerNumber.length() - 4)))
                : config.keyNumber();
        InputAction input = InputAction.builder()
                .dtmf(DtmfSettings.builder().maxDigits(15).submitOnHash(true).timeOut(config.inputTimeoutSeconds())
                        .build())
                .eventUrl(urls.url(GatewayWebhooks.CALLBACK, GatewayWebhooks.callbackParams(step.callId(),
                        step.departmentId(), GatewayWebhooks.NUMBER, attempt, step.regionUrl())))
                .build();
        return Nccos.json(new Ncco(TalkAction.builder(prefix + prompt).bargeIn(true).build(), input));
    }

    /** Back into the call's waiting conversation, with the department's music (the default when it left the menu). */
    private String backToWaiting(Step step, List<Action> before) {
        Department department = menus.menu().departments().stream()
                .filter(d -> d.id().equals(step.departmentId())).findFirst()
                .orElseGet(() -> new Department(step.departmentId(), 0, step.departmentId(), null));
        List<Action> actions = new ArrayList<>(before);
        actions.add(nccos.waitingConversation(department, step.callId()));
        return Nccos.json(new Ncco(actions));
    }

    private static boolean callable(String number) {
        return number != null && CALLABLE.matcher(number).matches();
    }

    /** "4 4 7 7 …": a number said as digits, not as an amount. */
    private static String digitByDigit(String digits) {
        return String.join(" ", digits.split(""));
    }
}
