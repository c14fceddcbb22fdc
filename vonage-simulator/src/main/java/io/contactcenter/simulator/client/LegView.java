package io.contactcenter.simulator.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A leg as the simulator sees it (the list endpoint and the softphone page). {@code region} is the region the leg
 * lives in (null in single-region mode); {@code split} means it was in a conversation whose other members live in
 * another region, so they could not hear each other. {@code canHear} / {@code canSpeak} are the leg uuids its current
 * conversation action allows (absent = everyone, empty = nobody).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegView(String uuid, String callId, String direction, String fromType, String from, String toType,
                      String to, String status, String conversationUuid, String conversationName, boolean muted,
                      boolean earmuffed, String createdAt, String answeredAt, String endedAt, String region,
                      boolean split, List<String> canHear, List<String> canSpeak) {
}
