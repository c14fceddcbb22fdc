package io.contactcenter.directory.rest;

import jakarta.validation.constraints.Pattern;

/** The Vonage user id (Users API, {@code USR-…}) of an in-app agent, or null to clear it. */
public record VonageUserChange(@Pattern(regexp = "USR-[A-Za-z0-9-]{1,60}", message = "must be a Vonage user id (USR-…)")
        String vonageUserId) {
}
