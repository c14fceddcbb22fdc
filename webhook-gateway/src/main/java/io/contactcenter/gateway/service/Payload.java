package io.contactcenter.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactcenter.support.problem.ProblemException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A Vonage webhook payload with typed, validating accessors: a wrong type is the sender's error (400). */
public final class Payload {

    private final ObjectNode json;

    public Payload(ObjectNode json) {
        this.json = json;
    }

    public ObjectNode json() {
        return json;
    }

    public boolean has(String field) {
        JsonNode node = json.get(field);
        return node != null && !node.isNull();
    }

    /** A string field; absent, null and "" read as null; any other type is a 400. */
    public String text(String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.badRequest("field '" + field + "' must be a string");
        }
        String value = node.asText();
        return value.isEmpty() ? null : value;
    }

    /** A scalar field as text (Vonage sends numbers as strings, sometimes as numbers); objects are a 400. */
    public String scalar(String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw ProblemException.badRequest("field '" + field + "' must be a single value");
        }
        String value = node.asText();
        return value.isEmpty() ? null : value;
    }

    /** An optional identifier (uuid, call_uuid): a string of at most 200 characters. */
    public String id(String field) {
        String value = text(field);
        if (value != null && value.length() > 200) {
            throw ProblemException.badRequest("field '" + field + "' is too long");
        }
        return value;
    }

    /** A required string field. */
    public String required(String field) {
        String value = text(field);
        if (value == null) {
            throw ProblemException.badRequest("field '" + field + "' is required");
        }
        if (value.length() > 200) {
            throw ProblemException.badRequest("field '" + field + "' is too long");
        }
        return value;
    }

    /** An ISO-8601 timestamp field (Vonage's {@code timestamp}); absent → null, unparseable → 400. */
    public Instant instant(String field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                throw ProblemException.badRequest("field '" + field + "' is not an ISO-8601 timestamp");
            }
        }
    }

    /** The DTMF result of an input webhook. */
    public Dtmf dtmf() {
        JsonNode node = json.get("dtmf");
        if (node == null || node.isNull()) {
            return new Dtmf(null, null);
        }
        if (!node.isObject()) {
            throw ProblemException.badRequest("field 'dtmf' must be an object");
        }
        JsonNode digits = node.get("digits");
        if (digits != null && !digits.isNull() && !digits.isTextual()) {
            throw ProblemException.badRequest("field 'dtmf.digits' must be a string");
        }
        JsonNode timedOut = node.get("timed_out");
        if (timedOut != null && !timedOut.isNull() && !timedOut.isBoolean()) {
            throw ProblemException.badRequest("field 'dtmf.timed_out' must be a boolean");
        }
        String text = digits == null || digits.isNull() ? null : digits.asText();
        if (text != null && text.length() > 64) {
            throw ProblemException.badRequest("field 'dtmf.digits' is too long");
        }
        return new Dtmf(text, timedOut == null || timedOut.isNull() ? null : timedOut.asBoolean());
    }

    /** @param digits what the caller pressed ("" or null when nothing) */
    public record Dtmf(String digits, Boolean timedOut) {

        /** Digits as published: null when the caller pressed nothing. */
        public String pressed() {
            return digits == null || digits.isEmpty() ? null : digits;
        }

        public boolean nothingPressed() {
            return pressed() == null;
        }
    }
}
