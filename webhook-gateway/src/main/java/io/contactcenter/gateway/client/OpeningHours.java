package io.contactcenter.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A department's opening hours as the directory validated them: an IANA zone, weekly intervals ({@code day}
 * MONDAY..SUNDAY, {@code opens}/{@code closes} {@code HH:mm}, closes after opens, at most {@code 24:00}) and whole-day
 * closures ({@code yyyy-MM-dd}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpeningHours(String timeZone, List<Interval> weekly, List<Closure> closures) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Interval(String day, String opens, String closes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Closure(String date, String name) {
    }
}
