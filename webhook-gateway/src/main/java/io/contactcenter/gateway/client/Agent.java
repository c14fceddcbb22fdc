package io.contactcenter.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An agent as the agent directory describes it (only the fields the gateway uses). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Agent(String id, String name, Endpoint endpoint, String status) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Endpoint(String type, String value) {
    }
}
