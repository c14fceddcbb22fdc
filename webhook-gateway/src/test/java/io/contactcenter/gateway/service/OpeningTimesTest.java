package io.contactcenter.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.directory.client.DirectoryModel.Department;
import io.contactcenter.directory.client.DirectoryModel.OpeningHours;
import io.contactcenter.directory.client.OpeningTimes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Opening hours at known instants: summer time starting and ending, holidays, words, the whole menu closed. */
class OpeningTimesTest {

    private static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

    static OpeningHours hours(String zone, List<String> days, String opens, String closes, String... closures) {
        List<OpeningHours.Interval> weekly = new ArrayList<>();
        for (String day : days) {
            weekly.add(new OpeningHours.Interval(day, opens, closes));
        }
        return new OpeningHours(zone, weekly,
                java.util.Arrays.stream(closures).map(d -> new OpeningHours.Closure(d, null)).toList());
    }

    private static OpeningTimes nineToFive(String zone, String... closures) {
        return OpeningTimes.of(hours(zone, WEEKDAYS, "09:00", "17:00", closures)).orElseThrow();
    }

    private static String spokenNext(OpeningTimes hours, String now) {
        Instant at = Instant.parse(now);
        var next = hours.nextOpening(at).orElseThrow();
        return SpokenTimes.when(next, at.atZone(hours.zone()).toLocalDate());
    }

    @Test
    void nineOClockIsWallClockTimeInTheDepartmentsZoneBeforeAndAfterSummerTimeStarts() {
        OpeningTimes newYork = nineToFive("America/New_York");
        // Monday 2 March 2026, 13:30 UTC = 08:30 EST: not yet
        assertFalse(newYork.isOpen(Instant.parse("2026-03-02T13:30:00Z")));
        assertEquals(Instant.parse("2026-03-02T14:00:00Z"), newYork.nextOpening(Instant.parse("2026-03-02T13:30:00Z"))
                .orElseThrow().toInstant());
        assertEquals("today at nine a.m.", spokenNext(newYork, "2026-03-02T13:30:00Z"));
        // summer time began on Sunday 8 March: Monday 9 March, 13:30 UTC = 09:30 EDT, open
        assertTrue(newYork.isOpen(Instant.parse("2026-03-09T13:30:00Z")));
        // Friday 6 March 17:30 EST: closed; opens Monday 09:00 EDT, which is 13:00 UTC, no longer 14:00
        assertFalse(newYork.isOpen(Instant.parse("2026-03-06T22:30:00Z")));
        assertEquals(Instant.parse("2026-03-09T13:00:00Z"), newYork.nextOpening(Instant.parse("2026-03-06T22:30:00Z"))
                .orElseThrow().toInstant());
        assertEquals("on Monday at nine a.m.", spokenNext(newYork, "2026-03-06T22:30:00Z"));
        // and back: summer time ended on Sunday 1 November, Monday 2 November 13:30 UTC = 08:30 EST again
        assertTrue(newYork.isOpen(Instant.parse("2026-10-30T13:30:00Z")), "Friday 30 October 09:30 EDT");
        assertFalse(newYork.isOpen(Instant.parse("2026-11-02T13:30:00Z")), "Monday 2 November 08:30 EST");
        assertTrue(newYork.isOpen(Instant.parse("2026-11-02T14:00:00Z")));
        // the evening: 16:59 open, 17:00 closed (an interval ends just before its closing time)
        assertTrue(newYork.isOpen(Instant.parse("2026-11-02T21:59:00Z")));
        assertFalse(newYork.isOpen(Instant.parse("2026-11-02T22:00:00Z")));
    }

    @Test
    void anOpeningTimeInsideTheSpringForwardGapMovesForwardByTheGap() {
        OpeningTimes sundayNight = OpeningTimes.of(hours("America/New_York", List.of("SUNDAY"), "02:30", "04:00"))
                .orElseThrow();
        // 02:30 does not exist on 8 March 2026 (02:00 EST → 03:00 EDT): it opens at 03:30 EDT = 07:30 UTC
        assertEquals(Instant.parse("2026-03-08T07:30:00Z"),
                sundayNight.nextOpening(Instant.parse("2026-03-08T05:00:00Z")).orElseThrow().toInstant());
        assertTrue(sundayNight.isOpen(Instant.parse("2026-03-08T07:45:00Z")));
    }

    @Test
    void holidaysCloseTheWholeLocalDayAndAreSkippedWhenSayingWhenItOpens() {
        // Christmas Day (Friday) and the substitute Boxing Day (Monday 28th) in London
        OpeningTimes london = nineToFive("Europe/London", "2026-12-25", "2026-12-28");
        assertTrue(london.isOpen(Instant.parse("2026-12-24T12:00:00Z")));
        assertFalse(london.isOpen(Instant.parse("2026-12-25T12:00:00Z")), "a weekday, but a holiday");
        assertEquals("on Tuesday at nine a.m.", spokenNext(london, "2026-12-24T17:30:00Z"));
        assertEquals(Instant.parse("2026-12-29T09:00:00Z"),
                london.nextOpening(Instant.parse("2026-12-24T17:30:00Z")).orElseThrow().toInstant());
        // the holiday is the department's date: 00:30 on the 25th in Auckland is still the 24th in UTC
        OpeningTimes auckland = OpeningTimes.of(hours("Pacific/Auckland",
                List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
                "00:00", "24:00", "2026-12-25")).orElseThrow();
        assertFalse(auckland.isOpen(Instant.parse("2026-12-24T11:30:00Z")), "25 December 00:30 NZDT");
        assertTrue(auckland.isOpen(Instant.parse("2026-12-24T10:30:00Z")), "24 December 23:30 NZDT, until 24:00");
    }

    @Test
    void anOpeningMoreThanAWeekAheadIsSpokenWithItsDate() {
        OpeningTimes mondays = OpeningTimes.of(hours("Europe/London", List.of("MONDAY"), "10:15", "11:00",
                "2027-01-04")).orElseThrow();
        assertEquals("on Monday, January eleventh at ten fifteen a.m.", spokenNext(mondays, "2026-12-29T12:00:00Z"));
        assertEquals("tomorrow at ten fifteen a.m.", spokenNext(mondays, "2027-01-10T12:00:00Z"));
    }

    @Test
    void timesAreSpokenInWords() {
        assertEquals("midnight", SpokenTimes.time(0, 0));
        assertEquals("noon", SpokenTimes.time(12, 0));
        assertEquals("nine oh five a.m.", SpokenTimes.time(9, 5));
        assertEquals("one forty-five p.m.", SpokenTimes.time(13, 45));
        assertEquals("eleven thirty p.m.", SpokenTimes.time(23, 30));
        assertEquals("twelve twenty p.m.", SpokenTimes.time(12, 20));
        assertEquals("twelve ten a.m.", SpokenTimes.time(0, 10));
    }

    @Test
    void noScheduleOrAnUnreadableOneIsAlwaysOpenAndNoIntervalsMeansNeverOpen() {
        assertEquals(Optional.empty(), OpeningTimes.of(null));
        assertEquals(Optional.empty(), OpeningTimes.of(hours("Mars/Olympus", WEEKDAYS, "09:00", "17:00")));
        OpeningTimes never = OpeningTimes.of(hours("UTC", List.of(), "09:00", "17:00")).orElseThrow();
        assertFalse(never.isOpen(Instant.parse("2026-03-02T12:00:00Z")));
        assertEquals(Optional.empty(), never.nextOpening(Instant.parse("2026-03-02T12:00:00Z")));
    }

    private static Department openAt(String id, int digit, String name, String spokenName, OpeningHours hours) {
        return new Department(id, digit, name, spokenName, null, null, null, null, null, null, null, null, null, null,
                null, hours, null);
    }

    @Test
    void theMenuIsClosedOnlyWhenEveryDepartmentIsAndThenSaysWhenTheFirstOpens() {
        Department london = openAt("d-uk", 1, "UK Sales", "UK Sales",
                hours("Europe/London", WEEKDAYS, "09:00", "17:00"));
        Department newYork = openAt("d-us", 2, "US Sales", "US Sales",
                hours("America/New_York", WEEKDAYS, "09:00", "17:00"));
        Department always = new Department("d-any", 3, "Anything", "Anything");
        // Monday 2 March 2026 07:00 UTC: London opens at 09:00 UTC, New York at 14:00 UTC
        DepartmentHours early = new DepartmentHours(Clock.fixed(Instant.parse("2026-03-02T07:00:00Z"), ZoneOffset.UTC));
        assertEquals(Optional.of(new DepartmentHours.Closed("today at nine a.m.", Instant.parse("2026-03-02T09:00:00Z"))),
                early.allClosedNow(List.of(london, newYork)));
        assertEquals(Optional.empty(), early.allClosedNow(List.of(london, newYork, always)));
        assertEquals(Optional.empty(), early.allClosedNow(List.of()));
        // 10:00 UTC: London open, New York closed until 09:00 its time
        DepartmentHours later = new DepartmentHours(Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC));
        assertEquals(Optional.empty(), later.allClosedNow(List.of(london, newYork)));
        assertEquals(Optional.empty(), later.closedNow(london));
        assertEquals(Optional.of(new DepartmentHours.Closed("today at nine a.m.", Instant.parse("2026-03-02T14:00:00Z"))),
                later.closedNow(newYork));
    }

    /** A callback asked for while closed is not made before this instant: the opening, across DST and holidays. */
    @Test
    void theClosedDepartmentsNextOpeningIsTheInstantACallbackWaitsFor() {
        Department newYork = openAt("d-us", 1, "US Sales", "US Sales",
                hours("America/New_York", WEEKDAYS, "09:00", "17:00"));
        // Friday 6 March 2026 17:30 EST; summer time begins on Sunday: Monday 09:00 EDT is 13:00 UTC, not 14:00
        assertEquals(new DepartmentHours.Closed("on Monday at nine a.m.", Instant.parse("2026-03-09T13:00:00Z")),
                at("2026-03-06T22:30:00Z").closedNow(newYork).orElseThrow());
        // Friday 30 October 17:30 EDT; summer time ends on Sunday 1 November: Monday 09:00 EST is 14:00 UTC
        assertEquals(Instant.parse("2026-11-02T14:00:00Z"),
                at("2026-10-30T21:30:00Z").closedNow(newYork).orElseThrow().opensAt());
        // Christmas Eve evening in London: the 25th and the 28th are holidays, the weekend closed: Tuesday the 29th
        Department london = openAt("d-uk", 2, "UK Sales", "UK Sales",
                hours("Europe/London", WEEKDAYS, "09:00", "17:00", "2026-12-25", "2026-12-28"));
        assertEquals(new DepartmentHours.Closed("on Tuesday at nine a.m.", Instant.parse("2026-12-29T09:00:00Z")),
                at("2026-12-24T17:30:00Z").closedNow(london).orElseThrow());
        // no opening within a year: closed until further notice, no instant (no callback can be offered)
        Department never = openAt("d-never", 3, "Never", "Never", hours("UTC", List.of(), "09:00", "17:00"));
        assertEquals(new DepartmentHours.Closed(null, null), at("2026-03-02T12:00:00Z").closedNow(never).orElseThrow());
    }

    private static DepartmentHours at(String now) {
        return new DepartmentHours(Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }
}
