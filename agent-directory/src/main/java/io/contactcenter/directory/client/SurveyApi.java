package io.contactcenter.directory.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

/** survey-service's summary of an agent's scored calls. */
@Path("/surveys/agents/{agentId}/summary")
public interface SurveyApi {

    /** The agent's scored calls in {@code [from, to)} and their average score (null when none). */
    record Summary(long scoredCalls, Double averageScore) {
    }

    @GET
    Summary summary(@PathParam("agentId") String agentId, @QueryParam("from") String from,
            @QueryParam("to") String to, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
