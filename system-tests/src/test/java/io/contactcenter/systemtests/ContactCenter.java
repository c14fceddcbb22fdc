package io.contactcenter.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.contactcenter.events.Assignment;
import io.contactcenter.events.SurveyResult;
import io.contactcenter.events.Topics;
import io.contactcenter.infra.AuthKeys;
import io.contactcenter.infra.LocalInfra;
import io.contactcenter.infra.Postgres;
import io.contactcenter.infra.ServiceProcess;
import io.contactcenter.infra.StoppableKafka;
import io.contactcenter.infra.StoppablePostgres;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.SimulatorClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole contact center as in production: the four packaged services and the Vonage simulator, each its own
 * process configured only through environment variables, against real Kafka and PostgreSQL from local-infra.
 * Vonage reaches the gateway through {@link FrontProxy}, as through a Kubernetes Service (a test may add instances).
 * Logs of every process are kept in {@code target/system-logs/} (a folder per test fork: {@code fork-N/}).
 */
final class ContactCenter implements AutoCloseable {

    static final String NUMBER = "447700900000";
    /** Played to waiting callers (the simulator names it in the transcript; it never fetches it). */
    static final String HOLD_MUSIC = "https://media.example.com/hold-music.mp3";
    private static final Duration READY = Duration.ofSeconds(120);
    /** Where this fork's processes log (system property {@code system-logs}, set per fork by the POM). */
    static final Path LOGS = Path.of(System.getProperty("system-logs", "target/system-logs"));
    /** Quiet on every recorded topic for this long: the services have published what they will. */
    private static final Duration SETTLED = Duration.ofSeconds(2);

    final ServiceProcess simulatorProcess;
    final ServiceProcess directory;
    final ServiceProcess gateway;
    /** Where Vonage (the simulator) reaches the gateway: the address in front of its instances. */
    final FrontProxy gatewayFront;
    final ServiceProcess routing;
    final ServiceProcess survey;
    final SimulatorClient simulator;
    final TopicRecorder<SurveyResult> surveyResults;
    final TopicRecorder<Assignment> assignments;
    /** Its own broker when asked for one (a test stops and starts it), else null: the JVM's shared broker. */
    final StoppableKafka ownKafka;
    /** Its own PostgreSQL when asked for one (a test stops and starts it), else null: the JVM's shared server. */
    final StoppablePostgres ownPostgres;
    private final String kafkaBootstrapServers;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<TopicRecorder<?>> recorders = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private final Map<String, String> extraEnvironment;
    /** The Vonage signature secret the simulator signs webhooks with and the gateway verifies. */
    final String signatureSecret;
    /** Routing's URL (reserved before the directory starts: the desk's config names it). */
    final String routingUrl;
    /** The wallboard's URL (reserved before routing starts: routing admits its supervisor page's origin). */
    final String wallboardUrl;
    private final String adminToken;
    private final String supervisorToken;
    /** Routing's database (URL, user, password): what routing thinks of calls a failed run left unended. */
    private final String routingDatabase;
    private final String databaseUser;
    private final String databasePassword;

    ContactCenter() throws IOException {
        this(false, false, Map.of(), simulatorPort -> Map.of());
    }

    /**
     * @param ownKafka         run on a broker of its own that the test may stop and start
     * @param extraEnvironment added to every service's environment (e.g. a tuning knob), overriding the defaults
     */
    ContactCenter(boolean ownKafka, Map<String, String> extraEnvironment) throws IOException {
        this(ownKafka, false, extraEnvironment, simulatorPort -> Map.of());
    }

    /**
     * @param ownPostgres run on a PostgreSQL server of its own that the test may stop and start
     */
    ContactCenter(boolean ownKafka, boolean ownPostgres, Map<String, String> extraEnvironment) throws IOException {
        this(ownKafka, ownPostgres, extraEnvironment, simulatorPort -> Map.of());
    }

    /**
     * @param extraSimulatorEnvironment more environment for the simulator process, given its port (e.g. regions
     *     {@code SIMULATOR_REGIONS=us=http://127.0.0.1:<port>,eu=http://127.0.0.2:<port>})
     */
    ContactCenter(IntFunction<Map<String, String>> extraSimulatorEnvironment) throws IOException {
        this(false, false, Map.of(), extraSimulatorEnvironment);
    }

    private ContactCenter(boolean ownKafka, boolean ownPostgres, Map<String, String> extraEnvironment,
            IntFunction<Map<String, String>> extraSimulatorEnvironment) throws IOException {
        LocalInfra infra = LocalInfra.shared();
        this.extraEnvironment = extraEnvironment;
        this.ownKafka = ownKafka ? track(StoppableKafka.start()) : null;
        this.ownPostgres = ownPostgres ? track(StoppablePostgres.start()) : null;
        Postgres postgres = ownPostgres ? this.ownPostgres.postgres() : infra.postgres();
        String kafka = ownKafka ? this.ownKafka.bootstrapServers() : infra.kafkaBootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        AuthKeys application = AuthKeys.in(Files.createTempDirectory("vonage-app"));
        Path privateKey = application.privateKeyFile();
        Path publicKey = application.publicKeyFile();
        String applicationId = UUID.randomUUID().toString();
        signatureSecret = "system-test-secret-" + UUID.randomUUID();
        adminToken = infra.authKeys().mint("admin", "admin");
        supervisorToken = infra.authKeys().mint("supervisor", "supervisor");

        int simulatorPort = ServiceProcess.freePort();
        gatewayFront = track(new FrontProxy(ServiceProcess.freePort()));
        String simulatorUrl = "http://127.0.0.1:" + simulatorPort;
        String gatewayUrl = gatewayFront.url();

        Map<String, String> vonage = Map.of(
                "VONAGE_APPLICATION_ID", applicationId,
                "VONAGE_PRIVATE_KEY", privateKey.toString(),
                "VONAGE_SIGNATURE_SECRET", signatureSecret,
                "VONAGE_API_BASE_URL", simulatorUrl,
                "VONAGE_NUMBER", NUMBER,
                "GATEWAY_PUBLIC_URL", gatewayUrl,
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "AUTH_PUBLIC_KEY_LOCATION", infra.authKeys().publicKeyFile().toString(),
                "DB_USER", postgres.user(),
                "DB_PASSWORD", postgres.password());

        Map<String, String> simulatorEnvironment = new HashMap<>(Map.of(
                "SIMULATOR_ANSWER_URL", gatewayUrl + "/webhooks/answer",
                "SIMULATOR_EVENT_URL", gatewayUrl + "/webhooks/event",
                "VONAGE_SIGNATURE_SECRET", signatureSecret,
                "VONAGE_APPLICATION_ID", applicationId,
                "SIMULATOR_APPLICATION_PUBLIC_KEY", publicKey.toString(),
                "SIMULATOR_NUMBER", NUMBER));
        simulatorEnvironment.putAll(extraSimulatorEnvironment.apply(simulatorPort));
        simulatorProcess = launch("vonage-simulator", simulatorPort, simulatorEnvironment);
        // the simulator's regional hosts (127.0.0.1 and 127.0.0.2 on its port) are the only allow-listed regions;
        // one signing key for the webhook URL parameters the gateway, routing and survey exchange through Vonage
        Map<String, String> edge = Map.of(
                "VONAGE_REGION_ALLOWLIST", simulatorUrl + ",http://127.0.0.2:" + simulatorPort,
                "WEBHOOK_SIGNING_KEY", "system-test-webhook-key-" + UUID.randomUUID());
        int surveyPort = ServiceProcess.freePort();
        // the desk (served by the directory) calls routing's call controls from the browser
        routingUrl = "http://127.0.0.1:" + ServiceProcess.freePort();
        wallboardUrl = "http://127.0.0.1:" + ServiceProcess.freePort();
        // each service its own key: the directory trusts the public halves, each for that service's role only;
        // agents sign in with tokens of our issuer, and the desk's phone is the simulator
        directory = launch("agent-directory", ServiceProcess.freePort(), with(vonage,
                "DB_URL", postgres.database("st_directory_" + run),
                "AUTH_SIGNING_KEY_LOCATION", infra.authKeys().privateKeyFile().toString(),
                "SURVEY_URL", "http://127.0.0.1:" + surveyPort,
                "DIRECTORY_DESK_PHONE", "simulator",
                "DIRECTORY_DESK_SIMULATOR_URL", simulatorUrl,
                "DIRECTORY_DESK_ROUTING_URL", routingUrl,
                "AUTH_GATEWAY_PUBLIC_KEY", serviceKey(infra, "gateway").publicKeyFile().toString(),
                "AUTH_ROUTING_PUBLIC_KEY", serviceKey(infra, "routing").publicKeyFile().toString(),
                "AUTH_SURVEY_PUBLIC_KEY", serviceKey(infra, "survey").publicKeyFile().toString(),
                "DIRECTORY_OUTBOUND_PREFIXES", "1,44"));
        Map<String, String> backend = with(vonage, "DIRECTORY_URL", directory.url());
        backend.putAll(edge);
        // the test creates the menu after the gateway started: refresh the cached menu every second
        gateway = launch("webhook-gateway", ServiceProcess.freePort(), with(backend, "GATEWAY_JSON_LOGS", "false",
                "DIRECTORY_SERVICE_KEY", serviceKey(infra, "gateway").privateKeyFile().toString(),
                "GATEWAY_MENU_REFRESH", "1s", "GATEWAY_MUSIC_ON_HOLD_URL", HOLD_MUSIC,
                "GATEWAY_BUFFER_DIR", gatewayJournal()));
        gatewayFront.add(gateway);
        routingDatabase = postgres.database("st_routing_" + run);
        databaseUser = postgres.user();
        databasePassword = postgres.password();
        routing = launch("routing-service", port(routingUrl), with(backend,
                "DB_URL", routingDatabase,
                "ROUTING_CORS_ORIGINS", directory.url() + "," + wallboardUrl,
                "DIRECTORY_SERVICE_KEY", serviceKey(infra, "routing").privateKeyFile().toString()));
        survey = launch("survey-service", surveyPort, with(backend,
                "DB_URL", postgres.database("st_survey_" + run),
                "DIRECTORY_SERVICE_KEY", serviceKey(infra, "survey").privateKeyFile().toString()));
        for (ServiceProcess service : List.of(simulatorProcess, directory, gateway, routing, survey)) {
            orStopAll(() -> {
                service.awaitReady(READY);
                return service;
            });
        }
        simulator = new SimulatorClient(simulatorUrl);
        kafkaBootstrapServers = kafka;
        surveyResults = record(Topics.SURVEY_RESULTS, SurveyResult.class);
        assignments = record(Topics.CALL_ASSIGNMENTS, Assignment.class);
    }

    /** Records one topic from its beginning until the contact center stops. */
    <T> TopicRecorder<T> record(String topic, Class<T> type) {
        TopicRecorder<T> recorder = track(new TopicRecorder<>(kafkaBootstrapServers, topic, type));
        recorders.add(recorder);
        return recorder;
    }

    /**
     * Waits until the given calls have settled (all calls, when none is given): no recorded topic has received a
     * record of theirs for {@link #SETTLED}, so late duplicates or records that should not exist would have arrived.
     * Asserting "exactly one" or "none" before this would pass on a record that is merely late.
     */
    void settle(String... callIds) {
        List<String> keys = List.of(callIds);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> recorders.stream().allMatch(r -> r.quietFor(keys).compareTo(SETTLED) >= 0));
    }

    /**
     * Records on every dead-letter topic ({@code *.dlq}) so far: a consumer's records it gave up on. A transient
     * fault (a service, PostgreSQL, Kafka or Vonage away for a while) must never put one there.
     */
    long deadLetters() {
        return deadLetters(kafkaBootstrapServers);
    }

    static long deadLetters(String kafkaBootstrapServers) {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafkaBootstrapServers))) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.endsWith(Topics.DEAD_LETTER_SUFFIX)).toList();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic ->
                    topic.partitions().forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()),
                            OffsetSpec.latest())));
            return admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot count dead letters: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the wallboard at {@link #wallboardUrl} (its pages sign in through the directory and call routing from the
     * browser), stopped with the rest.
     */
    ServiceProcess startWallboard() throws IOException {
        LocalInfra infra = LocalInfra.shared();
        return track(ServiceProcess.start(jar("wallboard"), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers,
                "AUTH_PUBLIC_KEY_LOCATION", infra.authKeys().publicKeyFile().toString(),
                "DIRECTORY_URL", directory.url(),
                "WALLBOARD_ROUTING_URL", routingUrl,
                "WALLBOARD_STATE_DIR", Files.createTempDirectory("wallboard-st").toString(),
                "WALLBOARD_CREATE_SOURCE_TOPICS", "true"), LOGS.resolve("wallboard.log"), port(wallboardUrl), READY));
    }

    /** Routing's API (the call controls) with a user's bearer token. */
    RequestSpecification routing(String token) {
        return given().baseUri(routingUrl).auth().oauth2(token).contentType(ContentType.JSON);
    }

    /**
     * For the message of a run whose calls did not all end: routing's row of each call given (state, due time, tries,
     * callback offer) with its pending tasks, and the directory's agents counted by state.
     */
    String diagnosis(Collection<String> callIds) {
        StringBuilder text = new StringBuilder();
        try (Connection db = DriverManager.getConnection(routingDatabase, databaseUser, databasePassword);
                PreparedStatement calls = db.prepareStatement("""
                        select c.call_id, c.state, c.caller_gone, c.next_try_at, c.try_count, c.attempts,
                               c.callback_offered_at, c.callback_number is not null as callback_asked, c.updated_at,
                               (select string_agg(t.kind || ' x' || t.tries || coalesce(' ' || t.last_error, ''), '; ')
                                  from task t where t.call_id = c.call_id) as tasks
                        from routed_call c where c.call_id = any(?)""")) {
            calls.setArray(1, db.createArrayOf("varchar", callIds.toArray()));
            try (ResultSet rows = calls.executeQuery()) {
                while (rows.next()) {
                    text.append("  routing ").append(rows.getString("call_id")).append(": ")
                            .append(rows.getString("state")).append(rows.getBoolean("caller_gone") ? " (caller gone)" : "")
                            .append(", due ").append(rows.getString("next_try_at"))
                            .append(", tries ").append(rows.getInt("try_count"))
                            .append(", attempts ").append(rows.getInt("attempts"))
                            .append(", callback offered ").append(rows.getString("callback_offered_at"))
                            .append(rows.getBoolean("callback_asked") ? " and asked" : "")
                            .append(", updated ").append(rows.getString("updated_at"))
                            .append(", tasks [").append(rows.getString("tasks")).append("]\n");
                }
            }
        } catch (SQLException e) {
            text.append("  routing's database: ").append(e.getMessage()).append('\n');
        }
        try {
            List<String> states = admin().get("/agents").then().extract().jsonPath().getList("state");
            Map<String, Long> byState = states.stream()
                    .collect(Collectors.groupingBy(String::valueOf, TreeMap::new, Collectors.counting()));
            text.append("  agents by state: ").append(byState).append('\n');
        } catch (RuntimeException e) {
            text.append("  the directory's agents: ").append(e.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** The directory's admin API. */
    RequestSpecification admin() {
        return given().baseUri(directory.url()).auth().oauth2(adminToken).contentType(ContentType.JSON);
    }

    /** The survey service's read API, as a supervisor. */
    RequestSpecification supervisor() {
        return given().baseUri(survey.url()).auth().oauth2(supervisorToken).contentType(ContentType.JSON);
    }

    String department(int digit, String name, int wrapUpSeconds, int maxWaitSeconds) {
        return department(digit, name, wrapUpSeconds, maxWaitSeconds, 10);
    }

    /** A department whose callers get no survey. */
    String departmentWithoutSurvey(int digit, String name) {
        return admin().body(Map.of("digit", digit, "name", name, "wrapUpSeconds", 1, "maxWaitSeconds", 60,
                        "ringingTimeoutSeconds", 10, "surveyEnabled", false))
                .post("/departments").then().statusCode(201).extract().path("id");
    }

    String department(int digit, String name, int wrapUpSeconds, int maxWaitSeconds, int ringingTimeoutSeconds) {
        return admin().body(Map.of("digit", digit, "name", name, "wrapUpSeconds", wrapUpSeconds,
                        "maxWaitSeconds", maxWaitSeconds, "ringingTimeoutSeconds", ringingTimeoutSeconds))
                .post("/departments").then().statusCode(201).extract().path("id");
    }

    /** An agent who signs in to the desk with {@code password}. */
    String agentWithPassword(String name, String password, String type, String value, String... departmentIds) {
        String id = agent(name, type, value, departmentIds);
        admin().body(Map.of("password", password)).put("/agents/" + id + "/password").then().statusCode(204);
        return id;
    }

    /**
     * A supervisor (away: takes no calls) who signs in with {@code password}; the phone, which the simulator answers,
     * is where a monitor rings.
     */
    String supervisorWithPassword(String name, String password, String phone, String departmentId) {
        String id = agentWithPassword(name, password, "phone", phone, departmentId);
        admin().body(Map.of("name", name, "departmentIds", List.of(departmentId), "endpoint",
                Map.of("type", "phone", "value", phone), "status", "AWAY", "supervisor", true))
                .put("/agents/" + id).then().statusCode(200);
        simulator.register(AgentEndpoint.answering("phone", phone, 1, null));
        return id;
    }

    /** The department's disposition list: code → label. */
    void dispositions(String departmentId, Map<String, String> codes) {
        admin().body(codes.entrySet().stream().map(c -> Map.of("code", c.getKey(), "label", c.getValue())).toList())
                .put("/departments/" + departmentId + "/dispositions").then().statusCode(200);
    }

    String agent(String name, String type, String value, String... departmentIds) {
        return admin().body(Map.of("name", name, "departmentIds", List.of(departmentIds),
                        "endpoint", Map.of("type", type, "value", value)))
                .post("/agents").then().statusCode(201).extract().path("id");
    }

    /** Waits until the gateway's cached IVR menu (refreshed in the background) holds this many departments. */
    void awaitMenu(int departments) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(gateway.url()).get("/q/health/ready").then()
                        .body("checks.find { it.name == 'directory-menu' }.data.departments",
                                org.hamcrest.Matchers.equalTo(departments)));
    }

    /** Waits until the gateway's menu holds every department the directory has (tests add theirs in any order). */
    void awaitFullMenu() {
        awaitMenu(admin().get("/departments").then().statusCode(200).extract().<Integer>path("size()"));
    }

    /** One more instance of a service (same configuration, its own port and log), stopped with the rest. */
    ServiceProcess startAnother(String module) {
        return startAnother(module, Map.of());
    }

    /** One more gateway instance (its own event journal, as a pod's own volume), behind {@link #gatewayFront}. */
    ServiceProcess startAnotherGateway() {
        ServiceProcess another = startAnother("webhook-gateway", Map.of("GATEWAY_BUFFER_DIR", gatewayJournal()));
        gatewayFront.add(another);
        return another;
    }

    private ServiceProcess startAnother(String module, Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(environments.get(module));
        environment.putAll(overrides);
        Path log = LOGS.resolve(module + "-" + UUID.randomUUID().toString().substring(0, 4) + ".log");
        return track(ServiceProcess.start(jar(module), environment, log, ServiceProcess.freePort(), READY));
    }

    /** A folder of its own for one gateway instance's event journal. */
    private static String gatewayJournal() {
        try {
            Path target = Path.of("target").toAbsolutePath(); // absolute: the gateway runs in its jar's folder
            return Files.createTempDirectory(Files.createDirectories(target), "gateway-journal-").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts one of the contact center's own processes; the constructor then waits for all of them at once. */
    private ServiceProcess launch(String module, int port, Map<String, String> environment) {
        Map<String, String> configured = new HashMap<>(environment);
        configured.putAll(extraEnvironment);
        environments.put(module, configured);
        return orStopAll(() -> track(ServiceProcess.launch(jar(module), configured, LOGS.resolve(module + ".log"),
                port)));
    }

    /** One step of the constructor: when it fails, what already runs is stopped (nobody else can), then it throws. */
    private <T> T orStopAll(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private static Path jar(String module) {
        return Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping failed: " + e);
            }
        }
    }

    /** The key pair service {@code name} signs its own directory tokens with. */
    private static AuthKeys serviceKey(LocalInfra infra, String name) {
        return infra.authKeys().service(name);
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> merged = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            merged.put(keyValues[i], keyValues[i + 1]);
        }
        return merged;
    }
}
