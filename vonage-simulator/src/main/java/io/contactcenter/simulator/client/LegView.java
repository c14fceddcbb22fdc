package io.contactcenter.simulator.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A leg as the simulator sees it (the list endpoint and the softphone page). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegView(String uuid, String callId, String direction, String fromType, String from, String toType,
                      String to, String status, String conversationUuid, String conversationName, boolean muted,
                      boolean earmuffed, String createdAt, String answeredAt, String endedAt) {
}
