package io.contactcenter.routing.client;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: the Vonage SDK and call-control types only routing uses, registered for reflection in one place (a
 * new DTO that is missing here fails deploy-checks' {@code NativeReflectionTest}). The directory's documents are
 * registered by directory-client.
 */
@RegisterForReflection(targets = {
        // the call controls: a transfer's target, and the Voice API's talk into a call and stream NCCO (hold music)
        io.contactcenter.routing.service.TransferRequest.Target.class,
        // a monitor's endpoint, and the monitoring audit log's lines
        io.contactcenter.routing.service.MonitorRequest.Endpoint.class,
        io.contactcenter.routing.domain.CallMonitorRepository.AuditEntry.class,
        // the supervisors' list of recordings
        io.contactcenter.routing.service.RecordingView.class,
        com.vonage.client.voice.TalkPayload.class, com.vonage.client.voice.TalkResponse.class,
        com.vonage.client.voice.ncco.StreamAction.class },
        // the SDK's package-private superclass and request wrapper of those
        classNames = { "com.vonage.client.voice.AbstractAudioResponse", "com.vonage.client.voice.UuidRequestWrapper" })
final class JsonTypes {

    private JsonTypes() {
    }
}
