package io.contactcenter.survey.client;

import com.vonage.client.VonageApiResponseException;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.TalkAction;
import io.contactcenter.support.vonage.PreserializedNcco;
import io.contactcenter.support.vonage.VonageRegions;
import io.contactcenter.support.vonage.VonageVoice;
import io.contactcenter.support.webhook.GatewayWebhooks;
import io.contactcenter.survey.config.SurveyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Moves a caller's leg to the survey NCCO through the Vonage Voice API (region-aware, via {@link VonageVoice}). */
@ApplicationScoped
public class SurveyTransfers {

    /** What became of one transfer request. */
    public enum Outcome {
        /** Vonage accepted it (2xx). */
        DONE,
        /** 404: the leg no longer exists (the caller hung up). */
        LEG_GONE,
        /** 429, 5xx, timeout or I/O error: worth retrying. */
        RETRY,
        /**
         * 400: what Vonage answers for a call that has just ended (the caller's {@code completed} event is then
         * on its way), or for a request it cannot accept.
         */
        MAYBE_GONE,
        /** Any other refusal (401, 403, ...): retrying will not help. */
        REFUSED
    }

    public record Result(Outcome outcome, String detail) {
    }

    private final VonageRegions regions;
    private final VonageVoice voice;
    private final Ncco ncco;
    private final Ncco closing;

    public SurveyTransfers(SurveyConfig config, MeterRegistry metrics) {
        this.regions = new VonageRegions(config.vonage().regionAllowlist());
        this.voice = new VonageVoice(config.vonage().applicationId(), config.vonage().privateKey(),
                config.vonage().apiBaseUrl(), regions, (int) config.vonage().timeout().toMillis());
        this.ncco = surveyNcco(config);
        // a leg whose NCCO ends is hung up by Vonage: the caller hears the message, then the call ends
        this.closing = new PreserializedNcco(TalkAction.builder(config.closing()).build());
        metrics.more().counter("survey.vonage.region.refused", List.of(), regions, VonageRegions::refusedCount);
    }

    /** The region to keep for a call (null = the default base URL): see {@link VonageRegions#checked}. */
    public String checkedRegion(String callId, String regionUrl) {
        return regions.checked(callId, regionUrl);
    }

    /**
     * The survey NCCO: the prompt, then one DTMF digit sent to the gateway's {@code /webhooks/survey}; serialized
     * once, as it is the same for every transfer.
     */
    public static Ncco surveyNcco(SurveyConfig config) {
        String gateway = config.gatewayPublicUrl().endsWith("/")
                ? config.gatewayPublicUrl().substring(0, config.gatewayPublicUrl().length() - 1)
                : config.gatewayPublicUrl();
        return new PreserializedNcco(
                TalkAction.builder(config.prompt()).build(),
                InputAction.builder()
                        .dtmf(DtmfSettings.builder().maxDigits(1).timeOut(config.inputTimeoutSeconds()).build())
                        .eventUrl(gateway + GatewayWebhooks.SURVEY)
                        .build());
    }

    public Ncco ncco() {
        return ncco;
    }

    /** Moves the caller's leg to the survey. */
    public Result transfer(String callerLegId, String regionUrl) {
        return transfer(callerLegId, regionUrl, ncco);
    }

    /** Moves the caller's leg to the closing message, after which Vonage ends the call. */
    public Result close(String callerLegId, String regionUrl) {
        return transfer(callerLegId, regionUrl, closing);
    }

    private Result transfer(String callerLegId, String regionUrl, Ncco destination) {
        try {
            voice.call(regionUrl, client -> {
                client.transferCall(callerLegId, destination);
                return null;
            });
            return new Result(Outcome.DONE, "transferred");
        } catch (VonageApiResponseException e) {
            int status = e.getStatusCode();
            String detail = "HTTP " + status + (e.getTitle() != null ? " " + e.getTitle() : "");
            if (status == 404) {
                return new Result(Outcome.LEG_GONE, detail);
            }
            if (status == 400) {
                return new Result(Outcome.MAYBE_GONE, detail);
            }
            if (status == 429 || status >= 500 || status == 408 || status == 0) {
                return new Result(Outcome.RETRY, detail);
            }
            return new Result(Outcome.REFUSED, detail);
        } catch (RuntimeException e) {
            // timeouts and I/O errors arrive as VonageClientException (or its causes)
            return new Result(Outcome.RETRY, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
