package io.contactcenter.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** The agent directory's JSON shapes (agent-directory/README.md), as the directory stubs answer them. */
public final class DirectoryJson {

    private DirectoryJson() {
    }

    /** A {@code Department}: every field the directory sends. */
    public static ObjectNode department(String id, String name, int maxWaitSeconds, int ringingTimeoutSeconds,
            int wrapUpSeconds, int maxAttempts, boolean surveyEnabled) {
        return StubHttpServer.JSON.createObjectNode().put("id", id).put("digit", 1).put("name", name)
                .put("spokenName", name).put("maxWaitSeconds", maxWaitSeconds)
                .put("ringingTimeoutSeconds", ringingTimeoutSeconds).put("wrapUpSeconds", wrapUpSeconds)
                .put("maxAttempts", maxAttempts).put("surveyEnabled", surveyEnabled);
    }

    /** A problem+json body. */
    public static ObjectNode problem(int status, String title) {
        return StubHttpServer.JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status);
    }

    /** Answers like the directory: JSON, errors as problem+json. */
    public static void respond(HttpExchange exchange, int status, Object json) throws IOException {
        StubHttpServer.respond(exchange, status, json, status >= 400 ? "application/problem+json" : "application/json");
    }
}
