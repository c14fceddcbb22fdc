package io.contactcenter.directory.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Native image: the caller's-wait DTOs (opening hours, voicemails) Jackson reads and writes. */
@RegisterForReflection(targets = { OpeningHoursDto.class, OpeningHoursDto.Interval.class, OpeningHoursDto.Closure.class,
        VoicemailRequest.class, VoicemailView.class })
final class WaitJsonTypes {

    private WaitJsonTypes() {
    }
}
