package io.contactcenter.directory.client;

import com.vonage.client.voice.CallInfo;
import com.vonage.client.voice.VoiceResponseException;
import io.contactcenter.directory.config.DirectoryConfig;
import io.contactcenter.events.CallStatus;
import io.contactcenter.support.vonage.VonageRegions;
import io.contactcenter.support.vonage.VonageVoice;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks the Vonage Voice API ({@code GET /v1/calls/{uuid}}, the SDK's {@code getCallDetails}) whether a leg has
 * ended, as the directory's Vonage application. Without {@code VONAGE_APPLICATION_ID} and {@code VONAGE_PRIVATE_KEY}
 * it is off and nothing is asked.
 */
@ApplicationScoped
public class VonageLegs {

    private static final Logger LOG = Logger.getLogger(VonageLegs.class);

    private final VonageVoice voice;

    public VonageLegs(DirectoryConfig config) {
        DirectoryConfig.Vonage vonage = config.vonage();
        boolean configured = vonage.applicationId().filter(id -> !id.isBlank()).isPresent()
                && vonage.privateKey().filter(key -> !key.isBlank()).isPresent();
        // no region allow-list: the directory does not know a call's region, so every request goes to the base URL
        this.voice = configured ? new VonageVoice(vonage.applicationId().get(), vonage.privateKey().get(),
                vonage.apiBaseUrl(), new VonageRegions(List.of()), vonage.timeoutMillis()) : null;
        if (!configured) {
            LOG.info("no Vonage application configured: ON_CALL agents are not checked against Vonage");
        }
    }

    public boolean enabled() {
        return voice != null;
    }

    /**
     * Whether Vonage reports the leg ended (a final status); empty when it cannot tell: not found (also a leg of
     * another region), an error, no answer. Only a final status proves the agent is free.
     */
    public Optional<Boolean> ended(String legId) {
        try {
            CallInfo info = voice.call(null, client -> client.getCallDetails(legId));
            if (info == null || info.getStatus() == null) {
                return Optional.empty();
            }
            return Optional.of(status(info.getStatus().name()).isFinal());
        } catch (VoiceResponseException e) {
            LOG.debugf("leg %s: Vonage answered %d", legId, e.getStatusCode());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warnf("leg %s: Vonage could not be asked: %s", legId, e.toString());
            return Optional.empty();
        }
    }

    private static CallStatus status(String name) {
        try {
            return CallStatus.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return CallStatus.UNKNOWN;
        }
    }
}
