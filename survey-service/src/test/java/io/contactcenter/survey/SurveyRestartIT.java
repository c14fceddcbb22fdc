package io.contactcenter.survey;

import static io.contactcenter.survey.support.Calls.agentStatus;
import static io.contactcenter.survey.support.Calls.assignment;
import static io.contactcenter.survey.support.Calls.callerStatus;
import static io.contactcenter.survey.support.Calls.newId;
import static io.contactcenter.survey.support.Calls.surveyInput;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contactcenter.events.AssignmentOutcome;
import io.contactcenter.events.CallStatus;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.SurveyStatus;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.survey.support.Calls;
import io.contactcenter.survey.support.Results;
import io.contactcenter.survey.support.Stubs;
import io.contactcenter.survey.support.StubsResource;
import io.contactcenter.survey.support.VonageStub;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a real process, killed (SIGKILL) and
 * started again in the middle of calls: nothing is lost and nothing happens twice.
 */
class SurveyRestartIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    /** A JVM start of the packaged service; generous because the build machine may be heavily shared. */
    static final Duration BOOT = Duration.ofMinutes(4);

    final LocalInfra infra = LocalInfra.shared();
    final Stubs stubs = Stubs.shared();
    final VonageStub vonage = stubs.vonage;
    final String dbUrl = infra.postgres().database("survey");
    Process service;

    @AfterEach
    void stop() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroy();
            service.waitFor();
        }
    }

    @Test
    void killedServiceLosesNeitherTheOfferedSurveyNorThePendingTransfer() throws Exception {
        Results.shared();
        String department = newId();
        stubs.directory.department(department, true);

        service = start("first");

        // call 1: the survey is offered, then the service dies before the caller answers
        String offered = newId();
        agentEnds(offered, department);
        await().atMost(WAIT).until(() -> "OFFERED".equals(surveyState(offered)));

        // call 2: the agent hung up, but Vonage keeps failing the transfer when the service dies
        String pending = newId();
        vonage.answer(pending, 500, 500, 500, 500);
        agentEnds(pending, department);
        await().atMost(WAIT).until(() -> vonage.requestsFor(pending).size() >= 2);

        service.destroyForcibly().waitFor();
        service = start("second");

        Calls.event(surveyInput(offered, "4", false, 1, "ANSWERED"));
        SurveyResult first = awaitResult(offered);
        assertEquals(SurveyStatus.ANSWERED, first.status());
        assertEquals(4, first.score());
        assertEquals(department, first.department());

        await().atMost(WAIT).until(() -> "OFFERED".equals(surveyState(pending)));
        Calls.event(surveyInput(pending, "2", false, 1, "ANSWERED"));
        assertEquals(2, awaitResult(pending).score());

        Thread.sleep(2000);
        assertEquals(1, vonage.requestsFor(offered).size(), "call 1 was transferred once");
        assertEquals(1, vonage.requestsFor(pending).stream().filter(r -> r.answeredWith() == 204).count(),
                "call 2 was transferred once after the restart");
        assertEquals(1, Results.shared().forCall(offered).size());
        assertEquals(1, Results.shared().forCall(pending).size());
    }

    private static void agentEnds(String call, String department) {
        String leg = newId();
        String agent = newId();
        Calls.event(callerStatus(call, CallStatus.ANSWERED, null));
        Calls.assignment(assignment(call, department, agent, leg, AssignmentOutcome.ANSWERED));
        Calls.event(agentStatus(call, leg, agent, CallStatus.COMPLETED));
        Calls.completed(call, department, agent, leg);
    }

    private static SurveyResult awaitResult(String callId) {
        await().atMost(WAIT).until(() -> Results.shared().forCall(callId).size() == 1);
        return Results.shared().forCall(callId).get(0).value();
    }

    private String surveyState(String callId) throws Exception {
        try (Connection connection = DriverManager.getConnection(dbUrl, infra.postgres().user(), infra.postgres().password());
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT survey_state FROM survey.journey WHERE call_id = ?")) {
            statement.setString(1, callId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            } 
        } catch (java.sql.SQLException notMigratedYet) {
            return null;
        }
    }

    private Process start(String name) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dsurvey.transfer.poll-interval=200ms", "-Dsurvey.transfer.initial-backoff=300ms",
                "-Dsurvey.transfer.max-backoff=1s", "-Dsurvey.publish.poll-interval=200ms",
                "-Dsurvey.prompt=" + StubsResource.PROMPT,
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/restart-it-" + name + ".log"));
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        env.put("DB_URL", dbUrl);
        env.put("DB_USER", infra.postgres().user());
        env.put("DB_PASSWORD", infra.postgres().password());
        env.put("VONAGE_APPLICATION_ID", VonageStub.APPLICATION_ID);
        env.put("VONAGE_PRIVATE_KEY", vonage.privateKeyPem());
        env.put("VONAGE_API_BASE_URL", vonage.defaultUrl());
        env.put("GATEWAY_PUBLIC_URL", StubsResource.GATEWAY);
        env.put("DIRECTORY_URL", stubs.directory.url());
        env.put("DIRECTORY_SERVICE_KEY", stubs.directory.serviceKeyFile());
        env.put("AUTH_PUBLIC_KEY_LOCATION", infra.authKeys().publicKeyFile().toString());
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        try {
            await().atMost(BOOT).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("service " + name + " exited; see target/restart-it-" + name + ".log");
                }
                try {
                    return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }
}
