package io.contactcenter.directory.rest;

import java.util.UUID;

public record DepartmentView(UUID id, int digit, String name, String spokenName, int maxWaitSeconds,
        int ringingTimeoutSeconds, int wrapUpSeconds, int maxAttempts, boolean surveyEnabled) {
}
