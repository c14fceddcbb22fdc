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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The callback dialogue of a waiting caller (routing moved their leg out of the waiting conversation to its offer,
 * "press 1 to be called back") or of a caller of a closed department ({@link Nccos#closed}: "press 1 to be called back
 * when we open, or 2 to leave a message"). Step {@code offer}: 1 → the number prompt (confirm the number they call
 * from, or key another followed by {@code #}); anything else → back into the waiting conversation {@code cc-<callId>}.
 * Step {@code closed} (with the next opening, {@code opens}, in the signed URL): 1 → the number prompt; 2 → the
 * voicemail; anything else → the choice again, at most {@code gateway.callback.max-attempts} times, then goodbye. Step
 * {@code number}: a callable number → a CALLBACK_INPUT event with outcome {@code CALLBACK_REQUESTED}, the number in
 * {@code to} and, after the closed choice, {@code detail.notBefore} = the opening; once Kafka acknowledged it the caller
 * hears the confirmation and the call ends; not callable → the prompt again, at most
 * {@code gateway.callback.max-attempts} times, then back to waiting (goodbye when closed).
 *
 * <p>The confirmation says only what is true when it is said. A waiting caller's request reaches routing (Kafka
 * acknowledged it), which keeps their place unless an agent answered into the conversation meanwhile or the call ended
 * (routing-service/README.md, "Callbacks"): the gateway cannot know that yet, so it confirms the request, not a
 * callback. A closed department's request is the call's first record in routing, which always keeps it: that
 * confirmation says the caller is called back when the department opens.
 */
@ApplicationScoped
public class CallbackInputService {

    /** The closed department's choice: callback at the next opening (1) or voicemail (2). */
    public static final String CLOSED = "closed";
    /** The signed URL parameter of the closed department's next opening (ISO-8601 instant). */
    public static final String OPENS = "opens";
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

    /**
     * Our signed URL's parameters: whose call, which department, which step and prompt; {@code opens}: the closed
     * department's next opening (its callback is not made before), null for a waiting caller.
     */
    public record Step(String callId, String departmentId, String step, int attempt, String regionUrl, Instant opens) {

        public Step {
            if (!GatewayWebhooks.OFFER.equals(step) && !GatewayWebhooks.NUMBER.equals(step) && !CLOSED.equals(step)) {
                throw ProblemException.badRequest("query parameter 'step' must be offer, number or closed");
            }
            if (CLOSED.equals(step) && opens == null) {
                throw ProblemException.badRequest("query parameter 'opens' is required with step closed");
            }
        }

        boolean whileClosed() {
            return opens != null;
        }
    }

    /** The {@code opens} parameter: null when absent, else an ISO-8601 instant (400 otherwise). */
    public static Instant opens(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("query parameter 'opens' must be an ISO-8601 instant");
        }
    }

    public WebhookReply input(Payload payload, Step step) {
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
                ncco = giveUp(step, "");
            }
        } else if (CLOSED.equals(step.step())) {
            Department department = department(step);
            if ("1".equals(pressed)) {
                outcome = "ACCEPTED";
                ncco = numberPrompt(step, 1, callerNumber, "");
            } else if ("2".equals(pressed) && department.takesVoicemail()) {
                outcome = "VOICEMAIL";
                ncco = nccos.voicemail("", department, step.callId(), callerNumber);
            } else if (step.attempt() < config.maxAttempts()) {
                outcome = "RETRY";
                ncco = nccos.closedChoice(gateway.menu().retryPrompt(), department, step.opens(), step.callId(),
                        step.regionUrl(), step.attempt() + 1);
            } else {
                outcome = "GOODBYE";
                ncco = giveUp(step, "");
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
                ncco = giveUp(step, "");
            }
        }
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put(CallEvent.Detail.ATTEMPT.key(), Integer.toString(step.attempt()));
        detail.put(CallEvent.Detail.OUTCOME.key(), outcome);
        detail.put(CallEvent.Detail.DEPARTMENT.key(), step.departmentId());
        detail.put("step", step.step());
        if (step.whileClosed()) {
            detail.put(CallEvent.Detail.NOT_BEFORE.key(), step.opens().toString());
        }
        CallEvent event = new CallEvent(
                EventIds.of(EventKind.CALLBACK_INPUT, step.callId(), step.step() + step.attempt(), pressed, occurredAt),
                CallEvent.VERSION, step.callId(), legId, Role.CALLER, null, EventKind.CALLBACK_INPUT, null, pressed,
                dtmf.timedOut(), callerNumber, callbackNumber, payload.text("conversation_uuid"), step.regionUrl(),
                occurredAt, Instant.now(), detail);
        if (callbackNumber == null) {
            publisher.publishInBackground(event);
            return new WebhookReply(ncco, outcome.toLowerCase(Locale.ROOT));
        }
        if (!publisher.publishAndWait(event, gateway.kafka().routeAckTimeout())) {
            // routing will not call back: a waiting caller keeps waiting on the line instead
            return new WebhookReply(giveUp(step, config.unavailable()), "not_acknowledged");
        }
        String confirmed = step.whileClosed() ? config.confirmedAtOpening() : config.confirmed();
        return new WebhookReply(nccos.talk(confirmed.replace("{number}", digitByDigit(callbackNumber))),
                "callback_requested");
    }

    private String numberPrompt(Step step, int attempt, String callerNumber, String prefix) {
        String prompt = callable(callerNumber)
                ? config.confirmOwnNumber().replace("{last}",
                        digitByDigit(callerNumber.substring(callerNumber.length() - 4)))
                : config.keyNumber();
        Map<String, String> params = GatewayWebhooks.callbackParams(step.callId(), step.departmentId(),
                GatewayWebhooks.NUMBER, attempt, step.regionUrl());
        if (step.whileClosed()) {
            params.put(OPENS, step.opens().toString());
        }
        InputAction input = InputAction.builder()
                .dtmf(DtmfSettings.builder().maxDigits(15).submitOnHash(true).timeOut(config.inputTimeoutSeconds())
                        .build())
                .eventUrl(urls.url(GatewayWebhooks.CALLBACK, params))
                .build();
        return Nccos.json(new Ncco(TalkAction.builder(prefix + prompt).bargeIn(true).build(), input));
    }

    /**
     * The dialogue ends without a callback, after {@code apology} (may be empty): a waiting caller goes back into the
     * call's waiting conversation, with the department's music; a closed department's caller hears goodbye.
     */
    private String giveUp(Step step, String apology) {
        if (step.whileClosed()) {
            return nccos.talk((apology + " " + gateway.hours().goodbye()).trim());
        }
        List<Action> actions = new ArrayList<>();
        if (!apology.isEmpty()) {
            actions.add(TalkAction.builder(apology + " " + config.stayOnTheLine()).build());
        }
        actions.add(nccos.waitingConversation(department(step), step.callId()));
        return Nccos.json(new Ncco(actions));
    }

    /** The department of the step's URL as the menu knows it (the default settings when it left the menu). */
    private Department department(Step step) {
        return menus.menu().departments().stream()
                .filter(d -> d.id().equals(step.departmentId())).findFirst()
                .orElseGet(() -> new Department(step.departmentId(), 0, step.departmentId(), null));
    }

    private static boolean callable(String number) {
        return number != null && CALLABLE.matcher(number).matches();
    }

    /** "4 4 7 7 …": a number said as digits, not as an amount. */
    private static String digitByDigit(String digits) {
        return String.join(" ", digits.split(""));
    }
}
