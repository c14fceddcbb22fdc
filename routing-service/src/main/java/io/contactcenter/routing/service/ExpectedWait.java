package io.contactcenter.routing.service;

import java.time.Duration;
import java.util.List;

/**
 * The expected wait of a caller at a place in line (routing-service/README.md, "Place in line and expected wait"):
 * {@code place × average handle time ÷ staffed agents}, where the handle time is the mean talk time of the
 * department's conversations that ended within the estimate window (the default when there was none) and the staffed
 * agents are the distinct agents who talked to its callers within the window or are talking now (at least one).
 */
public final class ExpectedWait {

    private ExpectedWait() {
    }

    public static Duration estimate(int place, List<Duration> recentHandleTimes, int staffedAgents,
            Duration defaultHandleTime) {
        Duration handle = recentHandleTimes.isEmpty() ? defaultHandleTime
                : recentHandleTimes.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(recentHandleTimes.size());
        return handle.multipliedBy(Math.max(1, place)).dividedBy(Math.max(1, staffedAgents));
    }

    /** The wait in whole minutes as said to the caller, rounded up and at least one: "1 minute", "4 minutes". */
    public static String spoken(Duration wait) {
        long minutes = Math.max(1, (wait.getSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
