package io.contactcenter.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What to run, from environment variables (run.sh passes them through), with defaults that fit the issue's
 * 10-minute budget on 2 cores.
 */
record BenchSettings(int repeats, int answerSeconds, int answerWarmUpSeconds, int closedConnections, List<Double> openRates,
        List<Double> callRates, int callSeconds, int callWarmUpSeconds, List<Double> capacityRates, int holdCalls, double holdRate,
        double probeRate, int agents, double timeFactor, boolean jfr, String serviceHeap, List<String> phases,
        int dispatchCalls, int dispatchAgents, int idleSeconds) {

    static BenchSettings fromEnvironment() {
        return new BenchSettings(
                integer("BENCH_REPEATS", 3),
                integer("BENCH_ANSWER_SECONDS", 5),
                integer("BENCH_ANSWER_WARMUP_SECONDS", 5),
                integer("BENCH_CONNECTIONS", 16),
                doubles("BENCH_OPEN_RATES", "1000,2000"),
                doubles("BENCH_CALL_RATES", "5,10,20,50"),
                integer("BENCH_CALL_SECONDS", 10),
                integer("BENCH_CALL_WARMUP_SECONDS", 10),
                doubles("BENCH_CAPACITY_RATES", "75,100"),
                integer("BENCH_HOLD_CALLS", 2000),
                real("BENCH_HOLD_RATE", 50),
                real("BENCH_PROBE_RATE", 5),
                integer("BENCH_AGENTS", 100),
                real("BENCH_TIME_FACTOR", 10),
                "1".equals(env("BENCH_JFR", "0")),
                env("BENCH_SERVICE_HEAP", "256m"),
                List.of(env("BENCH_PHASES", "calls,dispatch,hold,answer").split(",")),
                integer("BENCH_DISPATCH_CALLS", 40),
                integer("BENCH_DISPATCH_AGENTS", 2),
                integer("BENCH_IDLE_SECONDS", 60));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int integer(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    private static double real(String name, double fallback) {
        return Double.parseDouble(env(name, Double.toString(fallback)));
    }

    private static List<Double> doubles(String name, String fallback) {
        String value = env(name, fallback);
        return value.equals("-") ? List.of() : Arrays.stream(value.split(",")).map(String::trim).map(Double::parseDouble).toList();
    }
}
