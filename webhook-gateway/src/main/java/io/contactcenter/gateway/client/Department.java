package io.contactcenter.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A department as the agent directory describes it (only the fields the gateway uses).
 *
 * @param musicOnHold null (an older directory) counts as true
 * @param musicOnHoldUrl the department's own hold music, else null
 * @param voicemailEnabled null counts as true
 * @param openingHours null: always open
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Department(String id, int digit, String name, String spokenName, Boolean musicOnHold,
        String musicOnHoldUrl, Boolean voicemailEnabled, OpeningHours openingHours) {

    /** A department of the fallback menu: default music, always open. */
    public Department(String id, int digit, String name, String spokenName) {
        this(id, digit, name, spokenName, null, null, null, null);
    }

    /** What the IVR says: the spoken name, else the name. */
    public String spoken() {
        return spokenName == null || spokenName.isBlank() ? name : spokenName;
    }

    public boolean hasMusicOnHold() {
        return !Boolean.FALSE.equals(musicOnHold);
    }

    public boolean takesVoicemail() {
        return !Boolean.FALSE.equals(voicemailEnabled);
    }
}
