package io.contactcenter.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Percentiles of one measured point, in milliseconds, from an HdrHistogram of nanoseconds. */
public record Latency(long count, double p50, double p95, double p99, double p999, double max) {

    /** Up to one hour, three significant digits. */
    public static Histogram histogram() {
        return new Histogram(TimeUnit.HOURS.toNanos(1), 3);
    }

    public static Latency of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Latency(nanos.getTotalCount(), ms(nanos.getValueAtPercentile(50)), ms(nanos.getValueAtPercentile(95)),
                ms(nanos.getValueAtPercentile(99)), ms(nanos.getValueAtPercentile(99.9)), ms(nanos.getMaxValue()));
    }

    /** Each percentile the median over the repeats (count: the sum). */
    public static Latency medianOf(List<Latency> repeats) {
        long count = repeats.stream().mapToLong(Latency::count).sum();
        return new Latency(count, median(repeats, Latency::p50), median(repeats, Latency::p95),
                median(repeats, Latency::p99), median(repeats, Latency::p999), median(repeats, Latency::max));
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>();
        for (Double v : values) {
            if (v != null && !v.isNaN()) {
                sorted.add(v);
            }
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double median(List<Latency> repeats, java.util.function.ToDoubleFunction<Latency> field) {
        return median(repeats.stream().map(field::applyAsDouble).toList());
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50Ms", p50);
        m.put("p95Ms", p95);
        m.put("p99Ms", p99);
        m.put("p999Ms", p999);
        m.put("maxMs", max);
        return m;
    }

    public String brief() {
        return String.format("p50 %s / p95 %s / p99 %s / p99.9 %s / max %s ms (n=%d)", f(p50), f(p95), f(p99), f(p999),
                f(max), count);
    }

    static String f(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
