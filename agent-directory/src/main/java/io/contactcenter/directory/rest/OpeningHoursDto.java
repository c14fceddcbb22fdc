package io.contactcenter.directory.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * When a department answers calls, in its own time zone: weekly intervals and whole-day closures (holidays). Outside
 * them callers hear that it is closed and when it opens, and may leave a message. Replaced as a whole.
 *
 * @param timeZone an IANA zone id, e.g. {@code Europe/London}
 * @param weekly the open intervals; none at all: never open (except as closures say nothing more)
 * @param closures days (in the department's zone) it stays closed whatever {@code weekly} says
 */
public record OpeningHoursDto(
        @NotBlank @Size(max = 64) String timeZone,
        @NotNull @Size(max = 70) List<@Valid @NotNull Interval> weekly,
        @Size(max = 400) List<@Valid @NotNull Closure> closures) {

    /**
     * Open on {@code day} from {@code opens} until just before {@code closes} ({@code HH:mm}; {@code closes} may be
     * {@code 24:00}, the end of the day). An interval never crosses midnight: split it in two.
     */
    public record Interval(@NotBlank String day, @NotBlank String opens, @NotBlank String closes) {
    }

    /** Closed the whole of {@code date} ({@code yyyy-MM-dd}); {@code name} is for the admins (e.g. "Christmas Day"). */
    public record Closure(@NotBlank String date, @Size(max = 100) String name) {
    }
}
