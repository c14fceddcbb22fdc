package io.contactcenter.provisioning;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.ServiceProcess;
import io.contactcenter.simulator.client.AccountClient;

/**
 * The real parts the command talks to, once per test JVM: the packaged Vonage simulator and the packaged agent
 * directory (against local-infra's PostgreSQL) as separate processes, plus a way to run the command in-process
 * with a given environment and capture what it prints.
 */
final class ProvisioningEnvironment {

    static final String API_KEY = "acct-key-4711";
    static final String API_SECRET = "acct-secret-Zq8xW3vN5mK2";
    static final String SIGNATURE_SECRET = "sig-secret-Hh7Jk9Lm2Nb4Vc6X";
    static final String INITIAL_NUMBER = "447700900000";
    private static final Path LOGS = Path.of("target/provisioning-logs");

    private static ProvisioningEnvironment shared;

    final ServiceProcess simulator;
    final ServiceProcess directory;
    final AccountClient account;
    final String adminToken;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private ProvisioningEnvironment() throws Exception {
        Path keys = Files.createDirectories(Path.of("target", "simulator-app"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path simulatorKey = keys.resolve("private.key");
        Files.writeString(simulatorKey, KeyFiles.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
        Map<String, String> simulatorEnv = new HashMap<>();
        simulatorEnv.put("VONAGE_APPLICATION_ID", UUID.randomUUID().toString());
        simulatorEnv.put("VONAGE_SIGNATURE_SECRET", SIGNATURE_SECRET);
        simulatorEnv.put("SIMULATOR_APPLICATION_PUBLIC_KEY", simulatorKey.toAbsolutePath().toString());
        simulatorEnv.put("VONAGE_API_KEY", API_KEY);
        simulatorEnv.put("VONAGE_API_SECRET", API_SECRET);
        simulatorEnv.put("SIMULATOR_NUMBER", INITIAL_NUMBER);
        simulator = ServiceProcess.start(Path.of("..", "vonage-simulator", "target", "quarkus-app", "quarkus-run.jar"),
                simulatorEnv, LOGS.resolve("vonage-simulator.log"), Duration.ofSeconds(120));
        LocalInfra infra = LocalInfra.shared();
        directory = ServiceProcess.start(Path.of("..", "agent-directory", "target", "quarkus-app", "quarkus-run.jar"),
                Map.of("DB_URL", infra.postgres().database("provisioning_directory_" + System.currentTimeMillis()),
                        "DB_USER", infra.postgres().user(), "DB_PASSWORD", infra.postgres().password(),
                        "AUTH_PUBLIC_KEY_LOCATION", infra.authKeys().publicKeyFile().toString()),
                LOGS.resolve("agent-directory.log"), Duration.ofSeconds(120));
        adminToken = infra.authKeys().mint("provisioning-test", "admin");
        account = new AccountClient(simulator.url());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            directory.close();
        }));
    }

    static synchronized ProvisioningEnvironment shared() throws Exception {
        if (shared == null) {
            shared = new ProvisioningEnvironment();
        }
        return shared;
    }

    /** The environment a user would export: credentials, gateway URL, directory admin access. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("VONAGE_API_KEY", API_KEY);
        env.put("VONAGE_API_SECRET", API_SECRET);
        env.put("VONAGE_SIGNATURE_SECRET", SIGNATURE_SECRET);
        env.put("GATEWAY_PUBLIC_URL", "https://cc.example.com");
        env.put("DIRECTORY_URL", directory.url());
        env.put("DIRECTORY_ADMIN_TOKEN", adminToken);
        return env;
    }

    Run provision(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new ProvisionCommand(env, o, e).run(args);
        }
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("---- provision " + String.join(" ", args) + " → " + code + "\n" + run.all());
        return run;
    }

    // ---- the directory, over its admin API ----

    String department(int digit, String name) throws Exception {
        return send("POST", "/departments", Map.of("digit", digit, "name", name)).get("id").asText();
    }

    String agent(String name, String type, String value, String departmentId) throws Exception {
        return send("POST", "/agents", Map.of("name", name, "departmentIds", List.of(departmentId),
                "endpoint", Map.of("type", type, "value", value))).get("id").asText();
    }

    JsonNode agents() throws Exception {
        return send("GET", "/agents", null);
    }

    void deleteEverything() throws Exception {
        List<String> departments = new ArrayList<>();
        for (JsonNode agent : agents()) {
            send("DELETE", "/agents/" + agent.get("id").asText(), null);
        }
        for (JsonNode department : send("GET", "/departments", null)) {
            departments.add(department.get("id").asText());
        }
        for (String id : departments) {
            send("DELETE", "/departments/" + id, null);
        }
    }

    private JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(directory.url() + path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }
}
