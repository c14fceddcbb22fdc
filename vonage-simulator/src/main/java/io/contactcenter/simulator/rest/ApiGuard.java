package io.contactcenter.simulator.rest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.contactcenter.simulator.account.ApplicationRegistry;
import io.contactcenter.simulator.auth.ApplicationJwtVerifier;
import io.contactcenter.simulator.config.SimulatorConfig;

/** What stands before the Voice API: JWT auth, the fault switch and the create rate limit, with Vonage's bodies. */
@ApplicationScoped
public class ApiGuard {

    private final ApplicationJwtVerifier verifier;
    private final Deque<Long> creates = new ArrayDeque<>();
    private volatile int createsPerSecond;
    private volatile int faultStatus;
    private volatile long faultUntilMillis;

    public ApiGuard(SimulatorConfig config, ApplicationRegistry applications) {
        // the configured application, and those created through the simulated Applications API
        this.verifier = new ApplicationJwtVerifier(config.applicationPublicKey(), config.applicationId(),
                applications::publicKey);
        this.createsPerSecond = config.createsPerSecond();
    }

    public int createsPerSecond() {
        return createsPerSecond;
    }

    public void createsPerSecond(int perSecond) {
        this.createsPerSecond = Math.max(0, perSecond);
    }

    public void fault(int status, double seconds) {
        faultStatus = status;
        faultUntilMillis = System.currentTimeMillis() + Math.round(seconds * 1000);
    }

    public void clearFault() {
        faultUntilMillis = 0;
    }

    public Map<String, Object> faultView() {
        Map<String, Object> view = new LinkedHashMap<>();
        long left = faultUntilMillis - System.currentTimeMillis();
        view.put("active", left > 0);
        if (left > 0) {
            view.put("status", faultStatus);
            view.put("secondsLeft", left / 1000.0);
        }
        return view;
    }

    /** @return why the application JWT (Voice API or Client SDK user token) is not acceptable, or null. */
    public String tokenRefusal(String authorization) {
        return verifier.check(authorization);
    }

    /** @return the refusal, or null to go on. */
    public Response check(String authorization, boolean create) {
        if (System.currentTimeMillis() < faultUntilMillis) {
            return faultStatus == 429 ? throttled() : error(faultStatus == 0 ? 500 : faultStatus,
                    "INTERNAL_SERVER_ERROR", "Internal Server Error");
        }
        if (verifier.check(authorization) != null) {
            return error(401, "UNAUTHORIZED", "Unauthorized");
        }
        if (create && createsPerSecond > 0) {
            long now = System.currentTimeMillis();
            synchronized (creates) {
                while (!creates.isEmpty() && creates.peekFirst() <= now - 1000) {
                    creates.pollFirst();
                }
                if (creates.size() >= createsPerSecond) {
                    return throttled();
                }
                creates.addLast(now);
            }
        }
        return null;
    }

    static Response error(int status, String type, String title) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("type", type, "error_title", title)).build();
    }

    static Response throttled() {
        return problem(429, "throttled", "Too Many Requests", "Rate limit exceeded: too many requests per second", null);
    }

    static Response problem(int status, String anchor, String title, String detail, List<Map<String, String>> invalid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://developer.nexmo.com/api-errors#" + anchor);
        body.put("title", title);
        body.put("detail", detail);
        body.put("instance", UUID.randomUUID().toString());
        if (invalid != null && !invalid.isEmpty()) {
            body.put("invalid_parameters", invalid);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
