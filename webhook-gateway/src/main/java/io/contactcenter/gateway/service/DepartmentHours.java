package io.contactcenter.gateway.service;

import io.contactcenter.directory.client.DirectoryModel.Department;
import io.contactcenter.directory.client.OpeningTimes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** Whether departments are open now (the gateway's clock), and when a closed one opens, in words. */
@ApplicationScoped
public class DepartmentHours {

    /**
     * A department (or the whole menu) is closed now.
     *
     * @param whenOpens e.g. "on Monday at nine a.m." in the department's zone; null when it opens in no foreseeable time
     * @param opensAt that moment (a callback for the next opening is not made before it); null with {@code whenOpens}
     */
    public record Closed(String whenOpens, Instant opensAt) {

        static Closed until(Optional<ZonedDateTime> opening, Instant now) {
            return opening.map(at -> new Closed(SpokenTimes.when(at, now.atZone(at.getZone()).toLocalDate()),
                    at.toInstant())).orElseGet(() -> new Closed(null, null));
        }
    }

    private final Clock clock;

    public DepartmentHours(Clock clock) {
        this.clock = clock;
    }

    /** Empty while the department is open (or has no opening hours). */
    public Optional<Closed> closedNow(Department department) {
        Instant now = clock.instant();
        return OpeningTimes.of(department.openingHours())
                .filter(hours -> !hours.isOpen(now))
                .map(hours -> Closed.until(hours.nextOpening(now), now));
    }

    /** Closed when every department is: then when the first of them opens. Empty for an empty menu. */
    public Optional<Closed> allClosedNow(List<Department> departments) {
        Instant now = clock.instant();
        if (departments.isEmpty()) {
            return Optional.empty();
        }
        Optional<ZonedDateTime> first = Optional.empty();
        for (Department department : departments) {
            Optional<OpeningTimes> hours = OpeningTimes.of(department.openingHours());
            if (hours.isEmpty() || hours.get().isOpen(now)) {
                return Optional.empty();
            }
            Optional<ZonedDateTime> next = hours.get().nextOpening(now);
            if (next.isPresent() && (first.isEmpty() || next.get().isBefore(first.get()))) {
                first = next;
            }
        }
        return Optional.of(Closed.until(first, now));
    }
}
