package io.contactcenter.survey.client;

import com.vonage.client.VonageApiResponseException;
import com.vonage.client.voice.CallInfo;
import io.contactcenter.events.CallStatus;
import io.contactcenter.support.vonage.VonageRegions;
import io.contactcenter.support.vonage.VonageVoice;
import io.contactcenter.survey.config.SurveyConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Asks the Vonage Voice API ({@code GET /v1/calls/{uuid}} through the SDK, in the call's region) whether a caller's
 * leg has ended, for the reconciler: only Vonage's word that it has is acted on.
 */
@ApplicationScoped
public class CallerLegs {

    /** A leg Vonage reports ended: its final status and when it ended (when Vonage says). */
    @RegisterForReflection // deploy-checks NativeReflectionTest asks it of every client record
    public record Ended(CallStatus status, Instant at) {
    }

    private final VonageVoice voice;

    public CallerLegs(SurveyConfig config) {
        this.voice = new VonageVoice(config.vonage().applicationId(), config.vonage().privateKey(),
                config.vonage().apiBaseUrl(), new VonageRegions(config.vonage().regionAllowlist()),
                (int) config.vonage().timeout().toMillis());
    }

    /**
     * The leg's end: a final status (with its end time, else now), or 404 (Vonage no longer knows the leg: it is gone,
     * as the survey transfer also reads a 404). Empty while the leg is up, and when Vonage did not answer clearly.
     */
    public Optional<Ended> ended(String regionUrl, String legId) {
        try {
            CallInfo info = voice.call(regionUrl, client -> client.getCallDetails(legId));
            CallStatus status = info == null || info.getStatus() == null ? null
                    : CallStatus.fromVonage(info.getStatus().name());
            if (status == null || !status.isFinal()) {
                return Optional.empty();
            }
            return Optional.of(new Ended(status, info.getEndTime() != null ? info.getEndTime() : Instant.now()));
        } catch (VonageApiResponseException e) {
            if (e.getStatusCode() == 404) {
                return Optional.of(new Ended(CallStatus.COMPLETED, Instant.now()));
            }
            Log.debugf("caller leg %s: Vonage answered %d; asked again later", legId, e.getStatusCode());
            return Optional.empty();
        } catch (RuntimeException e) {
            Log.debugf("caller leg %s: Vonage could not be asked (%s); asked again later", legId, e.toString());
            return Optional.empty();
        }
    }
}
