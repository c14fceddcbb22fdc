package io.contactcenter.routing.service;

import io.contactcenter.routing.domain.RoutedCallRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Gauges of the waiting queue per department: {@code routing.queue.length}, {@code routing.queue.oldest.wait}. */
@ApplicationScoped
public class QueueMetrics {

    private final RoutedCallRepository calls;
    private final MeterRegistry registry;
    private final Map<String, double[]> byDepartment = new ConcurrentHashMap<>();

    public QueueMetrics(RoutedCallRepository calls, MeterRegistry registry) {
        this.calls = calls;
        this.registry = registry;
    }

    public void refresh() {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(calls::queueStats);
        Set<String> seen = new HashSet<>();
        Instant now = Instant.now();
        for (Object[] row : rows) {
            String department = String.valueOf(row[0]);
            long length = ((Number) row[1]).longValue();
            Instant oldest = row[2] instanceof Instant i ? i
                    : row[2] instanceof java.sql.Timestamp t ? t.toInstant()
                    : row[2] instanceof java.time.OffsetDateTime o ? o.toInstant() : now;
            double[] values = byDepartment.computeIfAbsent(department, this::register);
            values[0] = length;
            values[1] = Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
            seen.add(department);
        }
        byDepartment.forEach((department, values) -> {
            if (!seen.contains(department)) {
                values[0] = 0;
                values[1] = 0;
            }
        });
    }

    private double[] register(String department) {
        double[] values = new double[2];
        Gauge.builder("routing.queue.length", values, v -> v[0]).tag("department", department)
                .description("calls waiting for an agent").register(registry);
        Gauge.builder("routing.queue.oldest.wait", values, v -> v[1]).tag("department", department)
                .baseUnit("seconds").description("how long the oldest waiting call has waited").register(registry);
        return values;
    }
}
