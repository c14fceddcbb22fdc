package io.contactcenter.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vonage.client.Jsonable;
import com.vonage.client.voice.ncco.ConnectAction;
import com.vonage.client.voice.ncco.ConversationAction;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.PhoneEndpoint;
import com.vonage.client.voice.ncco.RecordAction;
import com.vonage.client.voice.ncco.RecordingFormat;
import com.vonage.client.voice.ncco.TalkAction;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.directory.client.DirectoryModel.Department;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.gateway.rest.AudioResource;
import io.contactcenter.gateway.security.CallerNumberSeal;
import io.contactcenter.support.webhook.GatewayWebhooks;
import io.contactcenter.support.webhook.WebhookUrls;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Every NCCO the gateway answers with, built with the Vonage SDK's builders. */
@ApplicationScoped
public class Nccos {

    /**
     * The SDK's own mapper settings, built once: {@code Ncco.toJson()} builds a new ObjectMapper (and its serializer
     * caches) on every call, about 5 ms of CPU per NCCO on a busy 2-core machine against 0.05–0.1 ms with a shared
     * one (measured for the benchmark, docs/benchmarks.md); the JSON is byte for byte the same.
     */
    private static final ObjectMapper NCCO_JSON = Jsonable.createDefaultObjectMapper();

    private final GatewayConfig config;
    private final WebhookUrls urls;
    private final CallerNumberSeal callerSeal;
    /** Music of departments without their own: the operator's URL, else our built-in track. */
    private final String defaultMusicUrl;

    public Nccos(GatewayConfig config, WebhookUrls urls, CallerNumberSeal callerSeal) {
        this.config = config;
        this.urls = urls;
        this.callerSeal = callerSeal;
        this.defaultMusicUrl = config.menu().musicOnHoldUrl().filter(url -> !url.isBlank())
                .orElse(config.publicUrl().replaceAll("/+$", "") + AudioResource.HOLD_PATH);
    }

    /**
     * Greeting (or re-prompt) and menu, then the DTMF input whose eventUrl carries the attempt and the call's region,
     * which the stateless gateway needs later (signed; the caller's number is not put into URLs: the input webhook's
     * body carries it).
     */
    public String menu(Menu menu, int attempt, String regionUrl, String prefix) {
        String text = prefix + " " + menuText(menu);
        InputAction input = InputAction.builder()
                .dtmf(DtmfSettings.builder().maxDigits(1).timeOut(config.menu().inputTimeoutSeconds()).build())
                .eventUrl(inputUrl(attempt, regionUrl))
                .build();
        return json(new Ncco(TalkAction.builder(text.trim()).bargeIn(true).build(), input));
    }

    /** "For Sales press 1, for Support press 2." */
    public String menuText(Menu menu) {
        String options = menu.departments().stream()
                .map(d -> config.menu().option().replace("{name}", d.spoken()).replace("{digit}", Integer.toString(d.digit())))
                .collect(Collectors.joining(", "));
        if (options.isEmpty()) {
            return "";
        }
        return options.substring(0, 1).toUpperCase(Locale.ROOT) + options.substring(1) + ".";
    }

    /** The region is passed on as it came (signed, so nobody changes it on the way); routing decides whether to use it. */
    public String inputUrl(int attempt, String regionUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("attempt", Integer.toString(attempt));
        params.put("region", regionUrl);
        return urls.url(GatewayWebhooks.INPUT, params);
    }

    /**
     * Tell the caller who they wait for, then park them in the call's named conversation with the department's hold
     * music: its own URL, else the default; none when it switched music off.
     */
    public String connecting(Department department, String callId) {
        return json(new Ncco(
                TalkAction.builder(config.menu().connecting().replace("{name}", department.spoken())).build(),
                waitingConversation(department, callId)));
    }

    /** The call's named conversation where the caller waits, with the department's hold music. */
    ConversationAction waitingConversation(Department department, String callId) {
        ConversationAction.Builder conversation = ConversationAction.builder(RouteRequest.conversationNameFor(callId))
                .startOnEnter(false)
                .endOnExit(false);
        if (department.hasMusicOnHold()) {
            String own = department.musicOnHoldUrl();
            conversation.musicOnHoldUrl(own == null || own.isBlank() ? defaultMusicUrl : own);
        }
        return conversation.build();
    }

    /**
     * The chosen department is closed: that it is and when it opens, then the choice of a callback at that opening
     * (press 1) and a message (press 2), whose input goes to the callback dialogue ({@code step=closed}, the opening
     * in the signed URL); only the message when no callback can be offered (no opening known, or the department's
     * callbacks are off: {@code callbackOfferSeconds} 0), a goodbye when neither.
     *
     * @param callerNumber from the input webhook's signed body, may be null
     */
    public String closed(Department department, DepartmentHours.Closed closed, String callId, String callerNumber,
            String regionUrl) {
        String said = closed.whenOpens() == null
                ? config.hours().closedUntilFurtherNotice().replace("{name}", department.spoken())
                : config.hours().closed().replace("{name}", department.spoken()).replace("{when}", closed.whenOpens());
        if (callsBackAtOpening(department, closed)) {
            return closedChoice(said, department, closed.opensAt(), callId, regionUrl, 1);
        }
        if (!department.takesVoicemail()) {
            return talk(said + " " + config.hours().goodbye());
        }
        return voicemail(said, department, callId, callerNumber);
    }

    /** A callback at the next opening is offered when the opening is known and the department has callbacks on. */
    static boolean callsBackAtOpening(Department department, DepartmentHours.Closed closed) {
        return closed.opensAt() != null && !Integer.valueOf(0).equals(department.callbackOfferSeconds());
    }

    /**
     * "Press 1 to be called back when we open, or 2 to leave a message." after {@code before}, whose input comes to
     * the callback dialogue's {@code closed} step with the opening it is about.
     */
    public String closedChoice(String before, Department department, Instant opensAt, String callId, String regionUrl,
            int attempt) {
        String choice = department.takesVoicemail() ? config.hours().callbackOrVoicemail()
                : config.hours().callbackOnly();
        Map<String, String> params = GatewayWebhooks.callbackParams(callId, department.id(),
                CallbackInputService.CLOSED, attempt, regionUrl);
        params.put(CallbackInputService.OPENS, opensAt.toString());
        InputAction input = InputAction.builder()
                .dtmf(DtmfSettings.builder().maxDigits(1).timeOut(config.menu().inputTimeoutSeconds()).build())
                .eventUrl(urls.url(GatewayWebhooks.CALLBACK, params))
                .build();
        return json(new Ncco(TalkAction.builder((before + " " + choice).trim()).bargeIn(true).build(), input));
    }

    /**
     * {@code before}, then a message after the beep (ends on {@code #}, at the time limit or when the caller hangs up)
     * whose record event comes to {@code /webhooks/recording} with the call, the department and the caller's number
     * sealed into the signed URL (the record event names none of them).
     */
    public String voicemail(String before, Department department, String callId, String callerNumber) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("call", callId);
        params.put("department", department.id());
        if (callerNumber != null && !callerNumber.isBlank()) {
            params.put("caller", callerSeal.seal(callerNumber));
        }
        RecordAction record = RecordAction.builder()
                .format(RecordingFormat.MP3)
                .beepStart(true)
                .endOnKey('#')
                .timeOut(config.hours().voicemailMaxSeconds())
                .eventUrl(urls.url(GatewayWebhooks.RECORDING, params))
                .build();
        return json(new Ncco(TalkAction.builder((before + " " + config.hours().voicemailPrompt()).trim()).build(),
                record, TalkAction.builder(config.hours().voicemailThanks()).build()));
    }

    /** Every department is closed: one message instead of the menu, then the call ends. */
    public String allClosed(String whenOpens) {
        return talk(whenOpens == null ? config.hours().allClosedUntilFurtherNotice()
                : config.hours().allClosed().replace("{when}", whenOpens));
    }

    /** Routing cannot be told about the caller: the fallback number, or an apology. */
    public String degraded() {
        return config.degraded().fallbackNumber().filter(n -> !n.isBlank())
                .map(number -> json(new Ncco(
                        TalkAction.builder(config.degraded().transferring()).build(),
                        ConnectAction.builder(PhoneEndpoint.builder(number).build()).from(config.vonageNumber()).build())))
                .orElseGet(() -> talk(config.degraded().apology()));
    }

    /** An in-app agent calls a phone number from the contact-center number. */
    public String agentCall(String to) {
        return json(new Ncco(
                TalkAction.builder(config.agentCall().connecting()).build(),
                ConnectAction.builder(PhoneEndpoint.builder(to).build()).from(config.vonageNumber()).build()));
    }

    /** The survey question again, whose answer comes back to {@code /webhooks/survey?attempt=<attempt>}. */
    public String surveyPrompt(String prompt, int attempt) {
        InputAction input = InputAction.builder()
                .dtmf(DtmfSettings.builder().maxDigits(1).timeOut(config.survey().inputTimeoutSeconds()).build())
                .eventUrl(urls.url(GatewayWebhooks.SURVEY, Map.of("attempt", Integer.toString(attempt))))
                .build();
        return json(new Ncco(TalkAction.builder(prompt).bargeIn(true).build(), input));
    }

    public String talk(String text) {
        return json(new Ncco(TalkAction.builder(text).build()));
    }

    static String json(Ncco ncco) {
        try {
            return NCCO_JSON.writeValueAsString(ncco);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an NCCO", e);
        }
    }
}
