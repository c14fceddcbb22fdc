package io.contactcenter.wallboard.rest;

import java.time.Instant;
import java.util.List;

/** Everything the wall page shows, as one server-push event (and the thresholds that colour it). */
public record Snapshot(Instant at, List<DepartmentFigures> departments, List<AgentFigures> agents,
        Thresholds thresholds) {
}
