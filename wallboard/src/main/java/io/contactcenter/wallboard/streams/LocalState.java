package io.contactcenter.wallboard.streams;

import io.contactcenter.events.AgentActivity;
import io.contactcenter.wallboard.domain.DepartmentBoard;
import java.util.List;

/** What one instance's stores hold (its active partitions): the boards and agent states it owns. */
public record LocalState(List<DepartmentBoard> boards, List<AgentActivity> agents) {
}
