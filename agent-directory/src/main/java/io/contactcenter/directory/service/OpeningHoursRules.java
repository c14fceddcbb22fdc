package io.contactcenter.directory.service;

import io.contactcenter.directory.rest.OpeningHoursDto;
import io.contactcenter.support.problem.ProblemException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an opening-hours document and writes it in one normal form: a real IANA time zone, days as
 * {@code MONDAY}..{@code SUNDAY}, times as {@code HH:mm} with {@code closes} after {@code opens} (at most
 * {@code 24:00}), no two intervals of a day overlapping, closures real dates without repeats. Anything else is a 400
 * problem naming the entry.
 */
final class OpeningHoursRules {

    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-4]):([0-5][0-9])");
    private static final int END_OF_DAY = 24 * 60;

    private OpeningHoursRules() {
    }

    static OpeningHoursDto normalized(OpeningHoursDto hours) {
        String zone = zone(hours.timeZone());
        record Minutes(DayOfWeek day, int opens, int closes) {
        }
        List<Minutes> intervals = new ArrayList<>();
        for (OpeningHoursDto.Interval interval : hours.weekly()) {
            DayOfWeek day = day(interval.day());
            int opens = minutes(interval.opens(), "opens");
            int closes = minutes(interval.closes(), "closes");
            if (opens >= END_OF_DAY) {
                throw ProblemException.badRequest("opening hours: an interval cannot open at 24:00");
            }
            if (closes <= opens) {
                throw ProblemException.badRequest("opening hours: " + describe(day, opens, closes)
                        + " ends before it starts (an interval never crosses midnight: split it in two)");
            }
            intervals.add(new Minutes(day, opens, closes));
        }
        intervals.sort(Comparator.comparing(Minutes::day).thenComparingInt(Minutes::opens));
        for (int i = 1; i < intervals.size(); i++) {
            Minutes before = intervals.get(i - 1);
            Minutes after = intervals.get(i);
            if (before.day() == after.day() && after.opens() < before.closes()) {
                throw ProblemException.badRequest("opening hours: " + describe(before.day(), before.opens(), before.closes())
                        + " overlaps " + describe(after.day(), after.opens(), after.closes()));
            }
        }
        List<OpeningHoursDto.Closure> closures = new ArrayList<>();
        Set<LocalDate> dates = new HashSet<>();
        for (OpeningHoursDto.Closure closure : hours.closures() == null ? List.<OpeningHoursDto.Closure>of() : hours.closures()) {
            LocalDate date = date(closure.date());
            if (!dates.add(date)) {
                throw ProblemException.badRequest("opening hours: closure " + date + " is listed twice");
            }
            closures.add(new OpeningHoursDto.Closure(date.toString(),
                    closure.name() == null || closure.name().isBlank() ? null : closure.name().strip()));
        }
        closures.sort(Comparator.comparing(OpeningHoursDto.Closure::date));
        return new OpeningHoursDto(zone, intervals.stream()
                .map(m -> new OpeningHoursDto.Interval(m.day().name(), time(m.opens()), time(m.closes())))
                .toList(), closures);
    }

    private static String zone(String id) {
        String trimmed = id.strip();
        // region ids only: a fixed offset ("+02:00") would not follow the department's summer time
        if (!ZoneId.getAvailableZoneIds().contains(trimmed)) {
            throw ProblemException.badRequest("opening hours: unknown time zone '" + id
                    + "' (an IANA zone id such as Europe/London or America/New_York)");
        }
        try {
            return ZoneId.of(trimmed).getId();
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("opening hours: unknown time zone '" + id + "'");
        }
    }

    private static DayOfWeek day(String value) {
        try {
            return DayOfWeek.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("opening hours: '" + value + "' is not a day (MONDAY..SUNDAY)");
        }
    }

    private static int minutes(String value, String field) {
        Matcher m = TIME.matcher(value.strip());
        int minutes = m.matches() ? Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2)) : -1;
        if (minutes < 0 || minutes > END_OF_DAY) {
            throw ProblemException.badRequest("opening hours: " + field + " '" + value
                    + "' is not a time of day HH:mm (00:00 to 24:00)");
        }
        return minutes;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("opening hours: closure '" + value + "' is not a date yyyy-MM-dd");
        }
    }

    private static String time(int minutes) {
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    private static String describe(DayOfWeek day, int opens, int closes) {
        return day + " " + time(opens) + "-" + time(closes);
    }
}
