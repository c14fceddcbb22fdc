package io.contactcenter.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Locale;

/**
 * Vonage's leg status words, serialized in Vonage's lower case. A word this version does not know
 * reads as {@link #UNKNOWN} so a new Vonage status never makes a consumer fail.
 */
@RegisterForReflection
public enum CallStatus {
    STARTED, RINGING, ANSWERED, COMPLETED, BUSY, CANCELLED, FAILED, REJECTED, TIMEOUT, UNANSWERED,
    DISCONNECTED, HUMAN, MACHINE, UNKNOWN;

    /** Whether the leg is over after this status. */
    public boolean isFinal() {
        return switch (this) {
            case COMPLETED, BUSY, CANCELLED, FAILED, REJECTED, TIMEOUT, UNANSWERED -> true;
            default -> false;
        };
    }

    /** Whether the leg ended without ever being answered. */
    public boolean isUnanswered() {
        return isFinal() && this != COMPLETED;
    }

    @JsonValue
    public String vonageWord() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CallStatus fromVonage(String word) {
        if (word == null || word.isBlank()) {
            return null;
        }
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknownWord) {
            return UNKNOWN;
        }
    }
}
