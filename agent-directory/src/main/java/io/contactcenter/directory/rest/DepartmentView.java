package io.contactcenter.directory.rest;

import java.util.UUID;

/**
 * A department as the API shows it.
 *
 * @param musicOnHoldUrl the department's own hold music, null for the gateway's built-in track
 * @param openingHours null: always open
 * @param recording off, on or on-request
 * @param transferPriority whether calls transferred into the department go ahead of its waiting callers
 */
public record DepartmentView(UUID id, int digit, String name, String spokenName, int maxWaitSeconds,
        int ringingTimeoutSeconds, int wrapUpSeconds, int maxAttempts, boolean surveyEnabled, boolean musicOnHold,
        String musicOnHoldUrl, boolean voicemailEnabled, OpeningHoursDto openingHours, int announcementIntervalSeconds,
        int callbackOfferSeconds, int callbackRetries, String recording, boolean transferPriority) {
}
