package io.contactcenter.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactcenter.infra.AuthKeys;
import io.contactcenter.infra.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) started as in production, in the prod profile:
 * with signed-webhook verification switched off it refuses to start; with the same environment and verification on
 * it starts (so the refusal is that rule, not something else missing).
 */
class ProdProfileIT {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final Duration BOOT = Duration.ofMinutes(3);

    static Map<String, String> environment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("GATEWAY_PUBLIC_URL", "https://gateway.test");
        env.put("VONAGE_NUMBER", "447700900100");
        env.put("DIRECTORY_URL", "http://127.0.0.1:9");
        env.put("DIRECTORY_SERVICE_KEY", AuthKeys.in(Path.of("target", "gateway-directory-key")).privateKeyFile().toString());
        env.put("WEBHOOK_SIGNING_KEY", Webhooks.SIGNING_KEY);
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
        env.put("GATEWAY_JSON_LOGS", "false");
        return env;
    }

    static Process start(Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = ServiceProcess.javaProcess(JAR, ServiceProcess.JVM_OPTIONS)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEWAY_") || name.startsWith("VONAGE_")
                || name.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void verificationSwitchedOffDoesNotStartInProd() throws Exception {
        Map<String, String> env = environment(ServiceProcess.freePort());
        env.put("GATEWAY_SIGNATURE_CHECK", "false");
        Path log = Files.createTempFile("gateway-prod-off", ".log");
        Process gateway = start(env, log);
        try {
            assertTrue(gateway.waitFor(BOOT.toSeconds(), TimeUnit.SECONDS), "the gateway did not stop by itself");
            String output = Files.readString(log);
            assertNotEquals(0, gateway.exitValue(), output);
            assertTrue(output.contains("GATEWAY_SIGNATURE_CHECK=false (gateway.signature.enabled) is refused in the prod"
                    + " profile"), output);
            assertFalse(output.contains("Listening on"), output);
        } finally {
            gateway.destroyForcibly().waitFor();
        }
    }

    @Test
    void theSameEnvironmentWithVerificationOnStarts() throws Exception {
        int port = ServiceProcess.freePort();
        Map<String, String> env = environment(port);
        env.put("VONAGE_SIGNATURE_SECRET", VonageSigner.SECRET);
        Path log = Files.createTempFile("gateway-prod-on", ".log");
        Process gateway = start(env, log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + BOOT.toNanos();
            int status = 0;
            while (status != 200 && gateway.isAlive() && System.nanoTime() < deadline) {
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertEquals(200, status, Files.readString(log));
            assertTrue(Files.readString(log).contains("Profile prod activated"), Files.readString(log));
        } finally {
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
            gateway.destroyForcibly().waitFor();
        }
    }
}
