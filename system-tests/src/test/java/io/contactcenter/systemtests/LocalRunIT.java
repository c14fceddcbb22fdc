package io.contactcenter.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.infra.ServiceProcess;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a newcomer runs it: {@code deploy/local/run.sh} starts Kafka, PostgreSQL, the four
 * services and the simulator, places the demo call through IVR, agent and survey, and (with {@code DEMO_ONLY=1})
 * stops everything it started.
 */
class LocalRunIT {

    @Test
    void demoCallGoesThroughIvrAgentAndSurveyAndNothingIsLeftRunning(@TempDir Path data) throws Exception {
        Map<String, Integer> ports = Map.of(
                "KAFKA_PORT", ServiceProcess.freePort(), "KAFKA_CONTROLLER_PORT", ServiceProcess.freePort(), "POSTGRES_PORT", ServiceProcess.freePort(),
                "GATEWAY_PORT", ServiceProcess.freePort(), "DIRECTORY_PORT", ServiceProcess.freePort(),
                "ROUTING_PORT", ServiceProcess.freePort(), "SURVEY_PORT", ServiceProcess.freePort(),
                "WALLBOARD_PORT", ServiceProcess.freePort(), "SIMULATOR_PORT", ServiceProcess.freePort());
        Path output = ContactCenter.LOGS.resolve("local-run.log");
        Files.createDirectories(output.getParent());
        ProcessBuilder run = new ProcessBuilder("bash", "deploy/local/run.sh")
                .directory(Path.of("..").toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        ports.forEach((name, port) -> run.environment().put(name, Integer.toString(port)));
        run.environment().put("LOCAL_DIR", data.toString());
        run.environment().put("DEMO_ONLY", "1");
        run.environment().put("SIMULATOR_TIME_FACTOR", "4");
        List.of("VONAGE_APPLICATION_ID", "VONAGE_PRIVATE_KEY", "VONAGE_SIGNATURE_SECRET").forEach(run.environment()::remove);

        Process process = run.start();
        boolean ended = process.waitFor(8, TimeUnit.MINUTES);
        if (!ended) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        String printed = Files.readString(output);

        assertTrue(ended, "the local run did not finish its demo call in time:\n" + printed);
        assertEquals(0, process.exitValue(), printed);
        assertTrue(printed.contains("stored survey result"), printed);
        assertTrue(printed.contains("connect you to Sales"), "the timeline shows the IVR: " + printed);
        assertTrue(printed.contains("\"score\":5"), printed);
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            assertFalse(listening(port.getValue()), port.getKey() + " " + port.getValue() + " still listening");
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }
}
