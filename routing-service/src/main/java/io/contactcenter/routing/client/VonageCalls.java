package io.contactcenter.routing.client;

import com.vonage.client.VonageApiResponseException;
import com.vonage.client.voice.AppEndpoint;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.CallEndpoint;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.SipEndpoint;
import com.vonage.client.voice.TalkPayload;
import com.vonage.client.voice.TextToSpeechLanguage;
import com.vonage.client.voice.ncco.Action;
import com.vonage.client.voice.ncco.ConnectAction;
import com.vonage.client.voice.ncco.ConversationAction;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.RecordAction;
import com.vonage.client.voice.ncco.StreamAction;
import com.vonage.client.voice.ncco.TalkAction;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.support.vonage.SharedMapperCall;
import io.contactcenter.support.vonage.VonageRegions;
import io.contactcenter.support.vonage.VonageVoice;
import io.contactcenter.support.webhook.GatewayWebhooks;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The Voice API requests routing makes: create an agent leg, hang a leg up, send a caller to the overflow, read a leg,
 * and the call controls' moves of a leg (hold music, back into the conversation).
 */
@ApplicationScoped
public class VonageCalls {

    private static final Logger LOG = Logger.getLogger(VonageCalls.class);
    /** How long a supervisor's phone rings before Vonage gives up. */
    private static final int MONITOR_RINGING_SECONDS = 60;

    private final VonageVoice voice;
    private final VonageRegions regions;
    private final GatewayWebhooks webhooks;
    private final RoutingConfig config;
    private final CallCreationLimiter limiter;
    private final MeterRegistry metrics;

    public VonageCalls(RoutingConfig config, CallCreationLimiter limiter, MeterRegistry metrics) {
        this.config = config;
        this.limiter = limiter;
        this.metrics = metrics;
        this.regions = new VonageRegions(config.vonage().regionAllowlist());
        this.webhooks = new GatewayWebhooks(config.gatewayPublicUrl(), config.webhookSigningKey());
        this.voice = new VonageVoice(config.vonage().applicationId(), config.vonage().privateKey(),
                config.vonage().apiBaseUrl(), regions, config.vonage().timeoutMillis());
        metrics.more().counter("routing.vonage.region.refused", List.of(), regions, VonageRegions::refusedCount);
    }

    /** The region to keep for a call (null = the default base URL): see {@link VonageRegions#checked}. */
    public String checkedRegion(String callId, String regionUrl) {
        return regions.checked(callId, regionUrl);
    }

    /**
     * Creates the agent's leg into the caller's conversation {@code cc-<callId>}; returns the leg uuid.
     *
     * @throws VonageFailure when Vonage refused or did not answer
     */
    public String createAgentLeg(String regionUrl, String callId, String agentId, String endpointType,
            String endpointValue, int ringingTimeoutSeconds) {
        return createLeg(regionUrl, callId, endpoint(endpointType, endpointValue),
                webhooks.callEvents(callId, agentId, regionUrl), ringingTimeoutSeconds);
    }

    /** Hangs a leg up. */
    public void hangUp(String regionUrl, String legId) {
        request(regionUrl, "terminateCall", v -> {
            v.terminateCall(legId);
            return null;
        });
    }

    /**
     * Whether a leg has ended, from Vonage's call record ({@code GET /v1/calls/{uuid}} in the call's region): a final
     * status, or 404 (Vonage no longer knows the leg).
     *
     * @throws VonageFailure when Vonage did not answer (or answered another error)
     */
    public boolean legEnded(String regionUrl, String legId) {
        return legStatus(regionUrl, legId).map(CallStatus::isFinal).orElse(true);
    }

    /**
     * A leg's status from Vonage's call record ({@code GET /v1/calls/{uuid}} in the call's region); empty when Vonage
     * no longer knows the leg (404) or names a status we do not know.
     *
     * @throws VonageFailure when Vonage did not answer (or answered another error)
     */
    public Optional<CallStatus> legStatus(String regionUrl, String legId) {
        try {
            com.vonage.client.voice.CallStatus status = request(regionUrl, "getCallDetails",
                    v -> v.getCallDetails(legId).getStatus());
            return status == null ? Optional.empty() : Optional.ofNullable(CallStatus.fromVonage(status.name()));
        } catch (VonageFailure e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Calls a callback's caller back from the contact-center number into the call's conversation {@code cc-<callId>},
     * where the reserved agent joins once the caller answered; returns the leg uuid. Its events come to the gateway
     * with {@code call=<callId>} (role CALLER, this leg's uuid).
     *
     * @throws VonageFailure when Vonage refused or did not answer
     */
    public String createCallbackLeg(String regionUrl, String callId, String number) {
        return createLeg(regionUrl, callId, new PhoneEndpoint(number), webhooks.callEvents(callId, null, regionUrl),
                (int) config.callback().ringingTimeout().toSeconds(),
                TalkAction.builder(config.callback().greeting()).build());
    }

    /**
     * A leg from the contact-center number into the call's conversation {@code cc-<callId>} (after the actions
     * {@code before}), within the call-creation rate limit; returns its uuid.
     */
    private String createLeg(String regionUrl, String callId, CallEndpoint to, String eventUrl, int ringingSeconds,
            Action... before) {
        return createLeg(regionUrl, to, eventUrl, ringingSeconds, conversation(callId).build(), before);
    }

    private String createLeg(String regionUrl, CallEndpoint to, String eventUrl, int ringingSeconds,
            ConversationAction conversation, Action... before) {
        List<Action> ncco = new ArrayList<>(List.of(before));
        ncco.add(conversation);
        Call call = new SharedMapperCall(Call.builder()
                .to(to)
                .from(config.vonage().number())
                .eventUrl(eventUrl)
                .ringingTimer(Math.max(1, Math.min(120, ringingSeconds)))
                .ncco(ncco)
                .build());
        limiter.acquire();
        return request(regionUrl, "createCall", v -> v.createCall(call).getUuid());
    }

    /**
     * Moves the waiting caller's leg out of the conversation to the callback offer: the offer, then a one-key input
     * whose answer goes to the gateway's {@code /webhooks/callback} (which sends the caller back to waiting, or asks
     * for the number).
     */
    public void offerCallback(String regionUrl, String callId, String departmentId) {
        Ncco ncco = new Ncco(
                TalkAction.builder(config.callback().offerText()).bargeIn(true).build(),
                InputAction.builder()
                        .dtmf(DtmfSettings.builder().maxDigits(1).timeOut(config.callback().offerInputSeconds()).build())
                        .eventUrl(webhooks.callbackInput(callId, departmentId, GatewayWebhooks.OFFER, 1, regionUrl))
                        .build());
        request(regionUrl, "transferCall", v -> {
            v.transferCall(callId, ncco);
            return null;
        });
    }

    /** Says {@code text} into a leg ({@code PUT /v1/calls/{uuid}/talk}), over whatever it hears now. */
    public void say(String regionUrl, String legId, String text) {
        request(regionUrl, "startTalk", v -> v.startTalk(legId, TalkPayload.builder(text).build()));
    }

    /** Moves the caller's leg out of the waiting conversation to the apology (and optionally a voicemail). */
    public void transferToOverflow(String regionUrl, String callId) {
        List<Action> actions = new ArrayList<>();
        TalkAction.Builder talk = TalkAction.builder(config.overflow().text());
        config.overflow().language().map(TextToSpeechLanguage::fromString).ifPresent(talk::language);
        actions.add(talk.build());
        if (config.overflow().recordVoicemail()) {
            actions.add(RecordAction.builder()
                    .beepStart(true)
                    .endOnKey('#')
                    .timeOut(120)
                    .eventUrl(webhooks.callEvents(callId, null, regionUrl))
                    .build());
        }
        transfer(regionUrl, callId, new Ncco(actions));
    }

    /** Takes the caller out of the conversation to the hold music, played until they are taken back. */
    public void holdCaller(String regionUrl, String callId, String musicUrl) {
        transfer(regionUrl, callId, new Ncco(StreamAction.builder(musicUrl).loop(0).build()));
    }

    /** Brings the caller (back) into the call's conversation {@code cc-<callId>}. */
    public void connectCaller(String regionUrl, String callId) {
        transfer(regionUrl, callId, new Ncco(conversation(callId).build()));
    }

    /**
     * Hands the caller to an outside number (a cold transfer to a number): their leg leaves the conversation for a
     * {@code connect} to the number from the contact-center number. The call ends when either side hangs up (or
     * nobody answers there): the NCCO has nothing after the connect.
     */
    public void connectCallerTo(String regionUrl, String callId, String number) {
        String digits = number.startsWith("+") ? number.substring(1) : number;
        transfer(regionUrl, callId, new Ncco(ConnectAction.builder(
                com.vonage.client.voice.ncco.PhoneEndpoint.builder(digits).build())
                .from(config.vonage().number()).build()));
    }

    /** Says the closing words of a failed cold transfer to a number to the caller; the call ends after them. */
    public void closeFailedNumber(String regionUrl, String callId) {
        transfer(regionUrl, callId, new Ncco(TalkAction.builder(config.transfer().numberFailedText()).build()));
    }

    /**
     * Records the call: the caller's leg ({@code callerLegId}) hears the announcement, then a record action starts
     * (asynchronous: it records the call until the leg ends; Vonage reports it to the gateway's
     * {@code /webhooks/recording?call=<callId>&kind=call}) and the leg joins (again) the call's conversation.
     */
    public void recordCaller(String regionUrl, String callId, String callerLegId) {
        transfer(regionUrl, callerLegId, new Ncco(
                TalkAction.builder(config.recording().announcement()).build(),
                RecordAction.builder().eventUrl(webhooks.callRecording(callId, regionUrl)).build(),
                conversation(callId).build()));
    }

    /**
     * Calls a supervisor into the call's conversation {@code cc-<callId>} in a monitor {@code mode} (see
     * {@link #monitorConversation}); its events come to the gateway as a monitor leg's ({@code role=monitor}). Returns
     * the leg uuid.
     *
     * @throws VonageFailure when Vonage refused or did not answer
     */
    public String createMonitorLeg(String regionUrl, String callId, String endpointType, String endpointValue,
            String mode, String agentLegId) {
        return createLeg(regionUrl, endpoint(endpointType, endpointValue), webhooks.monitorEvents(callId, regionUrl),
                MONITOR_RINGING_SECONDS, monitorConversation(callId, mode, agentLegId));
    }

    /** Moves a supervisor's monitor leg to another mode: the same conversation with the new lists. */
    public void switchMonitor(String regionUrl, String legId, String callId, String mode, String agentLegId) {
        transfer(regionUrl, legId, new Ncco(monitorConversation(callId, mode, agentLegId)));
    }

    /**
     * A supervisor in the call's conversation: listen = nobody hears them ({@code canSpeak: []}), whisper = only the
     * agent's leg does, barge = everyone. They hear everyone in every mode.
     */
    static ConversationAction monitorConversation(String callId, String mode, String agentLegId) {
        ConversationAction.Builder conversation = conversation(callId);
        if ("listen".equals(mode)) {
            conversation.canSpeak(List.of());
        } else if ("whisper".equals(mode)) {
            conversation.canSpeak(agentLegId == null ? List.of() : List.of(agentLegId));
        }
        return conversation.build();
    }

    private static ConversationAction.Builder conversation(String callId) {
        return ConversationAction.builder(RouteRequest.conversationNameFor(callId)).startOnEnter(true).endOnExit(false);
    }

    private void transfer(String regionUrl, String legId, Ncco ncco) {
        request(regionUrl, "transferCall", v -> {
            v.transferCall(legId, ncco);
            return null;
        });
    }

    static CallEndpoint endpoint(String type, String value) {
        return switch (type == null ? "" : type.toLowerCase()) {
            case "phone" -> new PhoneEndpoint(value.startsWith("+") ? value.substring(1) : value);
            case "app" -> new AppEndpoint(value);
            case "sip" -> new SipEndpoint(value);
            default -> throw new VonageFailure(400, "unsupported agent endpoint type: " + type, null);
        };
    }

    private <T> T request(String regionUrl, String what, Function<com.vonage.client.voice.VoiceClient, T> call) {
        try {
            return voice.call(regionUrl, call);
        } catch (VonageApiResponseException e) {
            count(what, e.getStatusCode());
            LOG.debugf("Vonage %s answered %d", what, e.getStatusCode());
            throw new VonageFailure(e.getStatusCode(), what + " failed: " + e.getStatusCode(), e);
        } catch (RuntimeException e) {
            count(what, 0);
            throw new VonageFailure(0, what + " failed: " + e, e);
        }
    }

    private void count(String what, int status) {
        metrics.counter("routing.vonage.errors", "request", what, "status", status == 0 ? "none" : Integer.toString(status))
                .increment();
    }

}
