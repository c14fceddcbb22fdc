package io.contactcenter.wallboard.streams;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.RouteRequest;
import io.contactcenter.events.SurveyResult;

/** One record of a call from any of the three call-keyed topics (exactly one field set), merged into one stream. */
public record CallRecord(RouteRequest request, Assignment assignment, SurveyResult survey) {

    String eventId() {
        return request != null ? request.eventId() : assignment != null ? assignment.eventId() : survey.eventId();
    }
}
