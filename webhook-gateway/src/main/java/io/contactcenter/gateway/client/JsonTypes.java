package io.contactcenter.gateway.client;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: the directory's answers Jackson reads in this service, registered for reflection in one place (a new
 * DTO that is missing here fails deploy-checks' {@code NativeReflectionTest}).
 */
@RegisterForReflection(targets = { Department.class, OpeningHours.class, OpeningHours.Interval.class,
        OpeningHours.Closure.class, OutboundCall.class, OutboundCallRequest.class, StoredVoicemail.class, Voicemail.class })
final class JsonTypes {

    private JsonTypes() {
    }
}
