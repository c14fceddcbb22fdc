package io.contactcenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The statistics the report rests on: percentiles in ms from a nanosecond histogram, medians of repeats. */
class LatencyTest {

    @Test
    void percentilesOfAKnownDistributionInMilliseconds() {
        Histogram h = Latency.histogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.recordValue(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        Latency l = Latency.of(h);
        assertEquals(1000, l.count());
        assertEquals(500, l.p50(), 1);
        assertEquals(950, l.p95(), 1);
        assertEquals(990, l.p99(), 1);
        assertEquals(999, l.p999(), 1);
        assertEquals(1000, l.max(), 1);
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        Latency l = Latency.of(Latency.histogram());
        assertEquals(0, l.count());
        assertTrue(Double.isNaN(l.p99()));
    }

    @Test
    void medianOfOddAndEvenRepeatsIgnoringMissingValues() {
        assertEquals(2.0, Latency.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Latency.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(5.0, Latency.median(List.of(Double.NaN, 5.0)));
        assertTrue(Double.isNaN(Latency.median(List.of())));
    }

    @Test
    void medianLatencyTakesEachPercentilesMedianAndSumsCounts() {
        Latency a = new Latency(10, 1, 2, 3, 4, 5);
        Latency b = new Latency(20, 2, 4, 30, 40, 50);
        Latency c = new Latency(30, 3, 3, 6, 8, 9);
        Latency m = Latency.medianOf(List.of(a, b, c));
        assertEquals(60, m.count());
        assertEquals(2, m.p50());
        assertEquals(3, m.p95());
        assertEquals(6, m.p99());
        assertEquals(8, m.p999());
        assertEquals(9, m.max());
    }

    @Test
    void procStatFieldsAfterACommandNameWithSpacesAndParentheses() {
        String stat = "1234 (java (main) x) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 30 0 100 0 0";
        String[] fields = ProcStats.parseStat(stat);
        assertEquals("S", fields[0]);
        assertEquals("1", fields[1]);
        assertEquals("250", fields[11]);
        assertEquals("75", fields[12]);
    }

    @Test
    void transcriptTimesParseToEpochNanos() {
        assertEquals(1_000_000_000_123_456_000L, Transcripts.nanos("2001-09-09T01:46:40.123456Z"));
        assertEquals(0, Transcripts.nanos("not a time"));
    }
}
