package io.contactcenter.support.vonage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: the Vonage SDK types the SDK's own Jackson turns into request bodies (calls, NCCOs, call
 * modifications) or reads from answers (created call, call details, API errors, whose exception the SDK
 * instantiates reflectively) for the services, registered for
 * reflection here, in the module every service shares. deploy-checks' {@code NativeReflectionTest} fails when a
 * service names an SDK JSON type (or one its fields hold) that is missing here. Names as strings where the SDK keeps
 * the class package-private.
 */
@RegisterForReflection(targets = {
        com.vonage.client.JsonableBaseObject.class,
        com.vonage.client.VonageClientException.class,
        com.vonage.client.VonageApiResponseException.class,
        // made reflectively by the SDK for every Voice API error answer: unregistered, a 404 would lose its status
        com.vonage.client.voice.VoiceResponseException.class,
        // calls: created, modified, read
        com.vonage.client.voice.Call.class,
        com.vonage.client.voice.CallEvent.class,
        com.vonage.client.voice.CallInfo.class,
        com.vonage.client.voice.CallDirection.class,
        com.vonage.client.voice.CallStatus.class,
        com.vonage.client.voice.PhoneEndpoint.class,
        com.vonage.client.voice.AppEndpoint.class,
        com.vonage.client.voice.SipEndpoint.class,
        com.vonage.client.voice.SipHeader.class,
        com.vonage.client.voice.MachineDetection.class,
        com.vonage.client.voice.AdvancedMachineDetection.class,
        com.vonage.client.voice.AdvancedMachineDetection.Mode.class,
        com.vonage.client.voice.TextToSpeechLanguage.class,
        // NCCO actions
        com.vonage.client.voice.ncco.Ncco.class,
        com.vonage.client.voice.ncco.TalkAction.class,
        com.vonage.client.voice.ncco.InputAction.class,
        com.vonage.client.voice.ncco.ConversationAction.class,
        com.vonage.client.voice.ncco.ConnectAction.class,
        com.vonage.client.voice.ncco.RecordAction.class,
        com.vonage.client.voice.ncco.PhoneEndpoint.class,
        com.vonage.client.voice.ncco.DtmfSettings.class,
        com.vonage.client.voice.ncco.SpeechSettings.class,
        com.vonage.client.voice.ncco.TranscriptionSettings.class,
        com.vonage.client.voice.ncco.EventMethod.class,
        com.vonage.client.voice.ncco.EventType.class,
        com.vonage.client.voice.ncco.InputMode.class,
        com.vonage.client.voice.ncco.Language.class,
        com.vonage.client.voice.ncco.RecordingFormat.class,
        com.vonage.client.voice.ncco.SplitRecording.class },
        classNames = {
                "com.vonage.client.voice.ModifyCallPayload",
                "com.vonage.client.voice.ModifyCallAction",
                "com.vonage.client.voice.TransferDestination",
                "com.vonage.client.voice.TransferDestination$Type",
                "com.vonage.client.voice.TransferCallPayload" })
final class VonageJsonTypes {

    private VonageJsonTypes() {
    }
}
