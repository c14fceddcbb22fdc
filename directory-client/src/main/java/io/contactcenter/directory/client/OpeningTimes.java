package io.contactcenter.directory.client;

import io.contactcenter.directory.client.DirectoryModel.OpeningHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a department is open at an instant, and when it opens next, reckoned in the department's own zone: an
 * interval is wall-clock time there, so "09:00" is 09:00 in winter and in summer, and a closure is that whole local
 * date. A schedule the gateway cannot read (an unknown zone, a malformed time) counts as always open: a caller is
 * better routed than turned away by a data error (the directory validates, so this only guards against drift).
 *
 * <p>Shared by the gateway (the menu's closed message, the next opening a closed department's callback waits for) and
 * routing (such a callback's department checked again when it comes due), so both reckon an opening alike.
 */
public final class OpeningTimes {

    /** How far ahead the next opening is looked for; beyond it a department counts as closed until further notice. */
    private static final int SEARCH_DAYS = 400;

    private final ZoneId zone;
    private final List<Window> windows;
    private final Set<LocalDate> closures;

    private record Window(DayOfWeek day, LocalTime opens, LocalTime closes) {
        /** {@code closes == null}: until the end of the day (24:00). */
        boolean contains(LocalTime time) {
            return !time.isBefore(opens) && (closes == null || time.isBefore(closes));
        }
    }

    private OpeningTimes(ZoneId zone, List<Window> windows, Set<LocalDate> closures) {
        this.zone = zone;
        this.windows = windows;
        this.closures = closures;
    }

    /** The schedule, or empty when the department is always open (none, or one the gateway cannot read). */
    public static Optional<OpeningTimes> of(OpeningHours hours) {
        if (hours == null || hours.timeZone() == null || hours.weekly() == null) {
            return Optional.empty();
        }
        try {
            List<Window> windows = hours.weekly().stream()
                    .map(i -> new Window(DayOfWeek.valueOf(i.day()), LocalTime.parse(i.opens()),
                            "24:00".equals(i.closes()) ? null : LocalTime.parse(i.closes())))
                    .sorted(Comparator.comparing(Window::day).thenComparing(Window::opens))
                    .toList();
            Set<LocalDate> closed = hours.closures() == null ? Set.of() : hours.closures().stream()
                    .map(c -> LocalDate.parse(c.date())).collect(Collectors.toUnmodifiableSet());
            return Optional.of(new OpeningTimes(ZoneId.of(hours.timeZone()), windows, closed));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (closures.contains(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return windows.stream().anyMatch(w -> w.day() == local.getDayOfWeek() && w.contains(time));
    }

    /**
     * The next moment after {@code after} at which an interval begins on a day that is not closed, in the department's
     * zone; empty when there is none within about a year. An opening time that falls into a spring-forward gap is
     * moved forward by the gap, as the wall clock does.
     */
    public Optional<ZonedDateTime> nextOpening(Instant after) {
        LocalDate today = after.atZone(zone).toLocalDate();
        for (int d = 0; d < SEARCH_DAYS; d++) {
            LocalDate date = today.plusDays(d);
            if (closures.contains(date)) {
                continue;
            }
            for (Window w : windows) {
                if (w.day() == date.getDayOfWeek()) {
                    ZonedDateTime opens = ZonedDateTime.of(date, w.opens(), zone);
                    if (opens.toInstant().isAfter(after)) {
                        return Optional.of(opens);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
