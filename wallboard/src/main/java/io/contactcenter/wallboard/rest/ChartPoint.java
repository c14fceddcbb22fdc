package io.contactcenter.wallboard.rest;

import java.time.Instant;

/** One minute of the last-hour chart. */
public record ChartPoint(Instant minute, long offered, long answered, long abandoned) {
}
