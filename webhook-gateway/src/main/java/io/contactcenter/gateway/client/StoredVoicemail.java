package io.contactcenter.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The directory's answer to a stored message: its id (the first one's, for a repeat). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredVoicemail(String id, String callId) {
}
