package io.contactcenter.directory.rest;

import java.time.Instant;
import java.util.UUID;

public record DispositionView(String callId, String code, String note, UUID agentId, UUID departmentId,
        Instant recordedAt) {
}
