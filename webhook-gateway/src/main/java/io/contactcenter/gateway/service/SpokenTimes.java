package io.contactcenter.gateway.service;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A moment as a caller should hear it, in words (text-to-speech reads digits and "9:30" unreliably): "today at nine
 * thirty a.m.", "tomorrow at noon", "on Monday at nine a.m.", "on Friday, January second at eight fifteen p.m.".
 * English, in the zone of the moment given.
 */
public final class SpokenTimes {

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty"};
    private static final String[] ORDINALS = {"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
            "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
            "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third",
            "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth", "twenty-ninth",
            "thirtieth", "thirty-first"};

    private SpokenTimes() {
    }

    /** @param today the caller's "today", as a date in the same zone as {@code moment} */
    public static String when(ZonedDateTime moment, LocalDate today) {
        LocalDate date = moment.toLocalDate();
        String day;
        if (date.equals(today)) {
            day = "today";
        } else if (date.equals(today.plusDays(1))) {
            day = "tomorrow";
        } else {
            day = "on " + moment.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            if (!date.isBefore(today.plusDays(7))) {
                day += ", " + moment.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                        + ORDINALS[date.getDayOfMonth()];
            }
        }
        return day + " at " + time(moment.getHour(), moment.getMinute());
    }

    static String time(int hour, int minute) {
        if (minute == 0 && hour == 12) {
            return "noon";
        }
        if (minute == 0 && hour == 0) {
            return "midnight";
        }
        int twelve = hour % 12 == 0 ? 12 : hour % 12;
        String minutes = minute == 0 ? "" : " " + (minute < 10 ? "oh " + ONES[minute] : number(minute));
        return number(twelve) + minutes + (hour < 12 ? " a.m." : " p.m.");
    }

    static String number(int n) {
        if (n < 20) {
            return ONES[n];
        }
        return TENS[n / 10] + (n % 10 == 0 ? "" : "-" + ONES[n % 10]);
    }
}
