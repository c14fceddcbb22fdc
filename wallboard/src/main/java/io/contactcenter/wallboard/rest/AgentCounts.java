package io.contactcenter.wallboard.rest;

/** A department's agents now, by what they are doing (an agent of two departments counts in both). */
public record AgentCounts(int available, int ringing, int onCall, int wrapUp, int away) {
}
