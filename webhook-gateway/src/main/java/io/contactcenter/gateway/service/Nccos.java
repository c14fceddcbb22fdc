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
import com.vonage.client.voice.ncco.TalkAction;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.gateway.client.Department;
import io.contactcenter.gateway.config.GatewayConfig;
import io.contactcenter.support.webhook.WebhookUrls;
import jakarta.enterprise.context.ApplicationScoped;
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

    public Nccos(GatewayConfig config, WebhookUrls urls) {
        this.config = config;
        this.urls = urls;
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
        return urls.url(WebhookPaths.INPUT, params);
    }

    /** Tell the caller who they wait for, then park them in the call's named conversation. */
    public String connecting(Department department, String callId) {
        ConversationAction.Builder conversation = ConversationAction.builder(RouteRequest.conversationNameFor(callId))
                .startOnEnter(false)
                .endOnExit(false);
        config.menu().musicOnHoldUrl().filter(url -> !url.isBlank()).ifPresent(conversation::musicOnHoldUrl);
        return json(new Ncco(
                TalkAction.builder(config.menu().connecting().replace("{name}", department.spoken())).build(),
                conversation.build()));
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
                .eventUrl(urls.url(WebhookPaths.SURVEY, Map.of("attempt", Integer.toString(attempt))))
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
