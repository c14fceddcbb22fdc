package io.contactcenter.directory;

import io.contactcenter.infra.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The packaged Vonage simulator as a process, knowing the directory's test application (its id and key), as the
 * directory's Voice API ({@code directory.vonage.api-base-url}).
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    static final String APPLICATION_ID = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";
    static final Path APPLICATION_KEY = Path.of("src/test/resources/vonage-test-application.key").toAbsolutePath();
    private static volatile ServiceProcess simulator;

    @Override
    public Map<String, String> start() {
        simulator = ServiceProcess.start(Path.of("..", "vonage-simulator", "target", "quarkus-app", "quarkus-run.jar"),
                Map.of("VONAGE_APPLICATION_ID", APPLICATION_ID,
                        "SIMULATOR_APPLICATION_PUBLIC_KEY", APPLICATION_KEY.toString(),
                        "VONAGE_SIGNATURE_SECRET", "directory-test-signature-secret-0123456789",
                        "SIMULATOR_EVENT_URL", "http://127.0.0.1:9/webhooks/event"),
                Path.of("target", "vonage-simulator.log").toAbsolutePath(), Duration.ofMinutes(2));
        return Map.of("directory.vonage.api-base-url", simulator.url());
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    static String url() {
        return simulator.url();
    }
}
