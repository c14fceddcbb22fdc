package io.contactcenter.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A department as the agent directory describes it (only the fields the gateway uses). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Department(String id, int digit, String name, String spokenName) {

    /** What the IVR says: the spoken name, else the name. */
    public String spoken() {
        return spokenName == null || spokenName.isBlank() ? name : spokenName;
    }
}
