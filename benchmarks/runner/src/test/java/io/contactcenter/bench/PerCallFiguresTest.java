package io.contactcenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-call figures of a point: each repeat's totals ÷ its placed calls, the median of the repeats. */
class PerCallFiguresTest {

    @Test
    void transactionsPerCallByDatabaseAndTheirTotal() {
        List<BenchMain.CallPoint> repeats = List.of(
                repeat(100, Map.of("routing", 3000, "survey", 1000, "directory", 1500)),
                repeat(50, Map.of("routing", 1600, "survey", 450, "directory", 800)),
                repeat(100, Map.of("routing", 3400, "survey", 1100, "directory", 1400)));

        Map<String, Object> perCall = BenchMain.transactionsPerCall(repeats);

        assertEquals(32.0, perCall.get("routing")); // median of 30, 32, 34
        assertEquals(10.0, perCall.get("survey")); // of 10, 9, 11
        assertEquals(15.0, perCall.get("directory")); // of 15, 16, 14
        assertEquals(57.0, perCall.get(BenchMain.TRANSACTIONS_TOTAL)); // of 55, 57, 59
    }

    private static BenchMain.CallPoint repeat(int placed, Map<String, Integer> transactions) {
        Map<String, Object> cost = Map.of("postgresql (all backends)",
                Map.of("cpuSeconds", 1.0, "transactionsByDatabase", transactions));
        return new BenchMain.CallPoint(10, placed, placed, 0, List.of(), null, null, cost);
    }
}
