package io.contactcenter.simulator.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Injected failures for tests: "answer the next {@code count} requests of METHOD /path with {@code status}". A path
 * ending in {@code /*} matches everything below it. Each matching request uses up one failure, so a test can fail a
 * run in the middle (e.g. the number purchase) and let the next run through.
 */
@ApplicationScoped
public class FailurePlan {

    /** One switch; {@code remaining} counts down. */
    public record Failure(String method, String path, int status, int remaining) {

        boolean matches(String requestMethod, String requestPath) {
            if (!method.equalsIgnoreCase(requestMethod)) {
                return false;
            }
            if (path.endsWith("/*")) {
                return requestPath.startsWith(path.substring(0, path.length() - 1));
            }
            return path.equals(requestPath);
        }
    }

    private final List<Failure> failures = new ArrayList<>();

    public synchronized void add(String method, String path, int status, int count) {
        failures.add(new Failure(method.toUpperCase(), normalize(path), status, count));
    }

    /** @return the status to fail this request with, or 0 to let it through. */
    public synchronized int take(String method, String path) {
        String normalized = normalize(path);
        for (int i = 0; i < failures.size(); i++) {
            Failure failure = failures.get(i);
            if (failure.matches(method, normalized)) {
                if (failure.remaining() <= 1) {
                    failures.remove(i);
                } else {
                    failures.set(i, new Failure(failure.method(), failure.path(), failure.status(), failure.remaining() - 1));
                }
                return failure.status();
            }
        }
        return 0;
    }

    public synchronized List<Map<String, Object>> view() {
        List<Map<String, Object>> view = new ArrayList<>();
        for (Failure failure : failures) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("method", failure.method());
            entry.put("path", failure.path());
            entry.put("status", failure.status());
            entry.put("count", failure.remaining());
            view.add(entry);
        }
        return view;
    }

    public synchronized void clear() {
        failures.clear();
    }

    private static String normalize(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.length() > 1 && p.endsWith("/") && !p.endsWith("/*") ? p.substring(0, p.length() - 1) : p;
    }
}
