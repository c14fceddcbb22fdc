package io.contactcenter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contactcenter.infra.AuthKeys;
import io.contactcenter.infra.ServiceProcess;
import io.contactcenter.simulator.auth.WebhookSigner;
import io.contactcenter.simulator.client.AgentEndpoint;
import io.contactcenter.simulator.client.CallerStep;
import io.contactcenter.simulator.client.Settings;
import io.contactcenter.simulator.client.SimulatorClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The benchmark: starts real Kafka and PostgreSQL (local-infra), the four packaged services, the Vonage simulator
 * and the baseline app as processes, measures the answer webhook, routing and survey latency, capacity and cost,
 * and writes {@code docs/benchmarks.md} and {@code docs/benchmarks.json}. Run it with {@code benchmarks/run.sh}.
 */
public final class BenchMain {

    static final String VERSION = "1.0.0-SNAPSHOT";
    static final String NUMBER = "447700900000";
    private static final Duration READY = Duration.ofSeconds(180);
    /** How long a measured point waits for its calls to end after the last one was placed. */
    private static final Duration CALLS_TO_END = Duration.ofSeconds(30);

    private final Path root;
    private final BenchSettings settings;
    private final Path logs;
    private final Map<String, Object> firstStarts = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Proc> started = new ArrayList<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Report report;

    private Proc infra;
    private long postgresPid = -1;
    private Transactions transactions;
    private Proc directory;
    private Proc gateway;
    private Proc routing;
    private Proc survey;
    private Proc simulatorProc;
    private Proc baseline;
    private Proc wallboard;
    private WallboardLag wallboardLag;
    /** The wallboard lags of the repeats of the current call point. */
    private final List<Latency> pointLags = new ArrayList<>();
    private SimulatorClient simulator;
    private Transcripts transcripts;
    private WebhookSigner signer;
    private String adminToken;
    private String salesId;

    BenchMain(Path root, BenchSettings settings) {
        this.root = root;
        this.settings = settings;
        this.logs = root.resolve("benchmarks/target/bench-logs");
        this.report = new Report(results).analysis(root.resolve("benchmarks/analysis.md"));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String command = args.length > 1 ? args[1] : "benchmarks/run.sh";
        BenchMain bench = new BenchMain(root, BenchSettings.fromEnvironment());
        int status = bench.run(command);
        System.exit(status);
    }

    int run(String command) throws Exception {
        Instant begun = Instant.now();
        long t0 = System.nanoTime();
        results.put("command", command);
        results.put("startedAt", begun.truncatedTo(ChronoUnit.SECONDS).toString());
        results.put("machine", Machine.describe());
        results.put("settings", settings);
        results.put("serviceJvmOptions", ServiceProcess.JVM_OPTIONS);
        int status = 0;
        Thread stopOnSignal = new Thread(this::stopAll, "stop-on-signal");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            startEverything();
            idleCost();
            // calls first: the answer-webhook flood leaves a backlog of call events for routing and survey
            if (settings.phases().contains("calls")) {
                calls();
            }
            if (settings.phases().contains("dispatch")) {
                dispatchGap();
                firstCallAfterIdleness();
            }
            if (settings.phases().contains("hold")) {
                holdCapacity();
                simulator.reset();
                settle("after the held calls");
            }
            if (settings.phases().contains("answer")) {
                answerWebhook();
            }
        } catch (Exception | Error e) {
            status = 1;
            results.put("error", e.toString());
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
        } finally {
            stopAll();
            Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        }
        results.put("wallSeconds", Math.round((System.nanoTime() - t0) / 1e9));
        Path docs = root.resolve("docs");
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("benchmarks.json"), json.writeValueAsString(results) + "\n");
        String markdown = report.markdown();
        Files.writeString(docs.resolve("benchmarks.md"), markdown);
        System.out.println();
        System.out.println(report.table());
        System.out.println("written: docs/benchmarks.md, docs/benchmarks.json (logs in benchmarks/target/bench-logs)");
        return status;
    }

    /** Stops every process this run started (also on Ctrl-C / SIGTERM). */
    private synchronized void stopAll() {
        System.out.println("stopping...");
        if (transcripts != null) {
            transcripts.close();
        }
        if (wallboardLag != null) {
            try {
                wallboardLag.close();
            } catch (Exception e) {
                System.err.println("wallboard lag: " + e);
            }
        }
        // the applications all at once (each takes seconds to stop gracefully), Kafka and PostgreSQL after them
        List<Proc> applications = started.stream().filter(proc -> proc != infra).toList();
        applications.forEach(Proc::terminate);
        applications.forEach(Proc::close);
        if (infra != null) {
            infra.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ start

    private void startEverything() throws Exception {
        Files.createDirectories(logs);
        Path work = Files.createTempDirectory("cc-bench");
        int kafkaPort = Proc.freePort();
        int postgresPort = Proc.freePort();
        String infraClasspath = root.resolve("local-infra/target/local-infra-" + VERSION + ".jar") + ":"
                + root.resolve("local-infra/target/lib") + "/*";
        Map<String, Object> startup = new LinkedHashMap<>();
        results.put("startToReadyMs", startup);
        results.put("firstStartToReadyMs", firstStarts);

        log("starting Kafka and PostgreSQL (local-infra)...");
        infra = track(Proc.start("local-infra", List.of(java(), "-cp", infraClasspath,
                "io.contactcenter.infra.LocalInfraMain", "--data", work.resolve("infra").toString(),
                "--kafka-port", Integer.toString(kafkaPort), "--controller-port", Integer.toString(Proc.freePort()),
                "--postgres-port", Integer.toString(postgresPort), "--databases", "directory,routing,survey"),
                Map.of(), 0, logs));
        String ready = infra.awaitLogLine("READY", READY);
        startup.put("kafka+postgresql", round(infra.readyMillis()));
        String kafka = ready.replaceAll(".*kafka=(\\S+).*", "$1");
        String postgres = ready.replaceAll(".*postgres=(\\S+).*", "$1");
        postgresPid = ProcStats.findByCommandLine("bin/postgres", work.resolve("infra").toString());
        transactions = new Transactions(postgres);
        log("  " + ready + " (postgres pid " + postgresPid + ")");

        AuthKeys auth = AuthKeys.in(work.resolve("auth"));
        AuthKeys application = AuthKeys.in(work.resolve("vonage-app"));
        adminToken = auth.mint("admin", "admin");
        String applicationId = UUID.randomUUID().toString();
        String secret = "bench-secret-" + UUID.randomUUID();
        signer = new WebhookSigner(secret, "simulator", applicationId);

        int simulatorPort = Proc.freePort();
        int gatewayPort = Proc.freePort();
        String simulatorUrl = "http://127.0.0.1:" + simulatorPort;
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        Map<String, String> vonage = new HashMap<>(Map.of(
                "VONAGE_APPLICATION_ID", applicationId,
                "VONAGE_PRIVATE_KEY", application.privateKeyFile().toString(),
                "VONAGE_SIGNATURE_SECRET", secret,
                "VONAGE_API_BASE_URL", simulatorUrl,
                "VONAGE_NUMBER", NUMBER,
                "GATEWAY_PUBLIC_URL", gatewayUrl,
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "AUTH_PUBLIC_KEY_LOCATION", auth.publicKeyFile().toString(),
                "DB_USER", "postgres",
                "DB_PASSWORD", ""));

        int directoryPort = Proc.freePort();
        Map<String, String> backend = with(vonage, "DIRECTORY_URL", "http://127.0.0.1:" + directoryPort);
        // the simulator is the only allow-listed region; the key signs our webhook URL parameters
        backend.put("VONAGE_REGION_ALLOWLIST", simulatorUrl);
        backend.put("WEBHOOK_SIGNING_KEY", "benchmark-webhook-key-" + UUID.randomUUID());
        Map<String, ServiceStart> starts = new LinkedHashMap<>();
        // each service its own key pair; the directory trusts each public half for that service's role only
        starts.put("agent-directory", new ServiceStart(directoryPort, with(vonage, "DB_URL", postgres + "directory",
                "AUTH_GATEWAY_PUBLIC_KEY", auth.service("gateway").publicKeyFile().toString(),
                "AUTH_ROUTING_PUBLIC_KEY", auth.service("routing").publicKeyFile().toString(),
                "AUTH_SURVEY_PUBLIC_KEY", auth.service("survey").publicKeyFile().toString())));
        starts.put("webhook-gateway", new ServiceStart(gatewayPort, with(backend, "GATEWAY_JSON_LOGS", "false",
                "DIRECTORY_SERVICE_KEY", auth.service("gateway").privateKeyFile().toString())));
        starts.put("routing-service", new ServiceStart(Proc.freePort(), with(backend, "DB_URL", postgres + "routing",
                "DIRECTORY_SERVICE_KEY", auth.service("routing").privateKeyFile().toString(),
                // the benchmark lifts the client-side Vonage create-call rate limit (default 3/s; must be positive)
                "ROUTING_CREATE_CALLS_PER_SECOND", "100000")));
        starts.put("survey-service", new ServiceStart(Proc.freePort(), with(backend, "DB_URL", postgres + "survey",
                "DIRECTORY_SERVICE_KEY", auth.service("survey").privateKeyFile().toString())));
        // a JVM that maps a dynamic archive crashes under JFR (SIGSEGV in check_shared_class_file_load_hook)
        if (!settings.jfr()) {
            recordClassDataArchives(starts);
        }

        // one at a time, so each start-to-ready is the service's own and not a fight for the 2 cores
        directory = service("agent-directory", starts.get("agent-directory"));
        startup.put("agent-directory", round(directory.readyMillis()));
        createDirectoryData();
        gateway = service("webhook-gateway", starts.get("webhook-gateway"));
        startup.put("webhook-gateway", round(gateway.readyMillis()));
        routing = service("routing-service", starts.get("routing-service"));
        startup.put("routing-service", round(routing.readyMillis()));
        survey = service("survey-service", starts.get("survey-service"));
        startup.put("survey-service", round(survey.readyMillis()));
        wallboard = track(Proc.startJar("wallboard", jar("wallboard"), jvm("wallboard"), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "AUTH_PUBLIC_KEY_LOCATION", auth.publicKeyFile().toString(),
                "DIRECTORY_URL", "http://127.0.0.1:" + directoryPort,
                "WALLBOARD_STATE_DIR", work.resolve("wallboard").toString(),
                "WALLBOARD_CREATE_SOURCE_TOPICS", "true"), Proc.freePort(), logs));
        wallboard.awaitReady(READY);
        startup.put("wallboard", round(wallboard.readyMillis()));
        wallboardLag = new WallboardLag(kafka, wallboard.url(), auth.mint("supervisor", "supervisor"), salesId);

        simulatorProc = track(Proc.startJar("vonage-simulator", jar("vonage-simulator"), simulatorJvm(), Map.of(
                "SIMULATOR_ANSWER_URL", gatewayUrl + "/webhooks/answer",
                "SIMULATOR_EVENT_URL", gatewayUrl + "/webhooks/event",
                "VONAGE_SIGNATURE_SECRET", secret,
                "VONAGE_APPLICATION_ID", applicationId,
                "SIMULATOR_APPLICATION_PUBLIC_KEY", application.publicKeyFile().toString(),
                "SIMULATOR_NUMBER", NUMBER,
                "SIMULATOR_CREATES_PER_SECOND", "0",
                "SIMULATOR_TIME_FACTOR", Double.toString(settings.timeFactor())), simulatorPort, logs));
        simulatorProc.awaitReady(READY);
        startup.put("vonage-simulator (harness)", round(simulatorProc.readyMillis()));
        simulator = new SimulatorClient(simulatorUrl);
        transcripts = new Transcripts(simulatorUrl);

        String ncco = signedAnswer(gatewayUrl);
        results.put("answerNcco", ncco);
        baseline = track(Proc.startJar("benchmarks-baseline", root.resolve("benchmarks/baseline/target/quarkus-app/quarkus-run.jar"),
                jvm("benchmarks-baseline"), Map.of("BASELINE_NCCO", ncco), Proc.freePort(), logs));
        baseline.awaitReady(READY);
        startup.put("baseline", round(baseline.readyMillis()));
        log("  ready (ms from exec): " + startup);
    }

    private record ServiceStart(int port, Map<String, String> environment) {
    }

    /**
     * A first start of the four services, all at once (to keep the run short), that records a class-data archive
     * of every class each start loads (JDK 17's dynamic AppCDS, {@code -XX:ArchiveClassesAtExit}, written at the
     * graceful stop). The measured starts map it, as a restart (a redeploy, a new replica with the archive from a
     * training start) would; the first starts' times are reported beside them.
     */
    private void recordClassDataArchives(Map<String, ServiceStart> starts) throws IOException {
        log("first start of the services, all at once, recording their class-data archives...");
        List<Proc> firsts = new ArrayList<>();
        try {
            for (Map.Entry<String, ServiceStart> start : starts.entrySet()) {
                String module = start.getKey();
                Files.deleteIfExists(archive(module));
                firsts.add(Proc.startJar(module + "-first-start", jar(module),
                        jvm(module + "-first-start", "-XX:ArchiveClassesAtExit=" + archive(module)),
                        start.getValue().environment(), start.getValue().port(), logs));
            }
            for (Proc first : firsts) {
                first.awaitReady(READY);
                firstStarts.put(first.name().replace("-first-start", ""), round(first.readyMillis()));
            }
        } finally {
            firsts.forEach(Proc::terminate);
            firsts.forEach(Proc::close);
        }
    }

    private Proc service(String module, ServiceStart start) {
        log("starting " + module + "...");
        List<String> options = settings.jfr() ? jvm(module) : jvm(module, "-XX:SharedArchiveFile=" + archive(module));
        Proc proc = track(Proc.startJar(module, jar(module), options, start.environment(), start.port(), logs));
        return proc.awaitReady(READY);
    }

    private Path archive(String module) {
        return logs.resolve(module + ".jsa").toAbsolutePath();
    }

    private List<String> jvm(String name, String... extraOptions) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + settings.serviceHeap()));
        options.addAll(ServiceProcess.JVM_OPTIONS);
        options.addAll(List.of(extraOptions));
        options.addAll(flightRecording(name));
        return options;
    }

    /** Vonage's stand-in shares the cores with the system under test, so it runs with the services' JVM options. */
    private List<String> simulatorJvm() {
        List<String> options = new ArrayList<>(List.of("-Xmx1g"));
        options.addAll(ServiceProcess.JVM_OPTIONS);
        options.addAll(flightRecording("vonage-simulator"));
        return options;
    }

    /** With {@code BENCH_JFR=1}: the option that records a profile of the process {@code name}. */
    private List<String> flightRecording(String name) {
        return settings.jfr()
                ? List.of("-XX:StartFlightRecording=filename=" + logs.resolve(name + ".jfr") + ",settings=profile,dumponexit=true")
                : List.of();
    }

    private Path jar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private void createDirectoryData() throws Exception {
        salesId = admin("/departments", Map.of("digit", 1, "name", "Sales", "wrapUpSeconds", 0,
                "maxWaitSeconds", 120, "ringingTimeoutSeconds", 20)).path("id").asText();
        admin("/departments", Map.of("digit", 2, "name", "Hold", "wrapUpSeconds", 0, "maxWaitSeconds", 3600,
                "ringingTimeoutSeconds", 20));
        String queueId = admin("/departments", Map.of("digit", 3, "name", "Queue", "wrapUpSeconds", 0,
                "maxWaitSeconds", 600, "ringingTimeoutSeconds", 20)).path("id").asText();
        for (int i = 0; i < settings.dispatchAgents(); i++) {
            admin("/agents", Map.of("name", "Queue agent " + i, "departmentIds", List.of(queueId),
                    "endpoint", Map.of("type", "phone", "value", queueAgentNumber(i))));
        }
        for (int i = 0; i < settings.agents(); i++) {
            admin("/agents", Map.of("name", "Agent " + i, "departmentIds", List.of(salesId),
                    "endpoint", Map.of("type", "phone", "value", agentNumber(i))));
        }
    }

    static String agentNumber(int i) {
        return String.format("1415600%04d", i);
    }

    static String queueAgentNumber(int i) {
        return String.format("1415601%04d", i);
    }

    private JsonNode admin(String path, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(directory.url() + path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("directory " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** The gateway's menu NCCO for one signed answer webhook: what the baseline returns too. */
    private String signedAnswer(String gatewayUrl) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + answerUri(UUID.randomUUID())))
                .header("Authorization", "Bearer " + signer.sign(new byte[0])).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("input")) {
            throw new IllegalStateException("gateway answer webhook: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String answerUri(UUID uuid) {
        return "/webhooks/answer?to=" + NUMBER + "&from=447700900123&endpoint_type=phone&uuid=" + uuid
                + "&conversation_uuid=CON-" + uuid;
    }

    // ------------------------------------------------------------------------------------------------ cost

    private List<Proc> measured() {
        return List.of(directory, gateway, routing, survey, simulatorProc, baseline);
    }

    private Map<String, List<Long>> processTrees() {
        Map<String, List<Long>> trees = new LinkedHashMap<>();
        for (Proc p : measured()) {
            trees.put(p.name, List.of(p.pid()));
        }
        trees.put("kafka (local-infra JVM)", List.of(infra.pid()));
        if (postgresPid > 0) {
            trees.put(POSTGRESQL, ProcStats.tree(postgresPid));
        }
        return trees;
    }

    private void idleCost() {
        Proc.sleep(5_000);
        Map<String, Object> idle = new LinkedHashMap<>();
        processTrees().forEach((name, pids) -> idle.put(name, ProcStats.rssMb(pids)));
        results.put("idleRssMb", idle);
        log("idle RSS (MiB): " + idle);
    }

    /**
     * Waits (at most 90 s) until the services, Kafka and PostgreSQL together use less than 30 % of one core, so a
     * point does not pay for the backlog of the one before.
     */
    private void settle(String why) {
        long start = System.nanoTime();
        Map<String, List<Long>> trees = processTrees();
        trees.remove("vonage-simulator");
        trees.remove("benchmarks-baseline");
        List<Long> pids = trees.values().stream().flatMap(List::stream).toList();
        double busy = Double.NaN;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90)) {
            double before = ProcStats.cpuSeconds(pids);
            Proc.sleep(1_000);
            busy = ProcStats.cpuSeconds(pids) - before;
            if (busy < 0.3) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        @SuppressWarnings("unchecked")
        Map<String, Object> settles = (Map<String, Object>) results.computeIfAbsent("settleSeconds", k -> new LinkedHashMap<>());
        settles.put(why, Math.round(seconds * 10) / 10.0);
        log(String.format("settled %s in %.1f s (last second: %.0f %% of a core)", why, seconds, busy * 100));
    }

    /** CPU and peak RSS of every process while a point runs. */
    final class Sampler implements AutoCloseable {
        private final Map<String, List<Long>> trees = processTrees();
        private final Map<String, Double> cpuAtStart = new LinkedHashMap<>();
        private final Map<String, Long> transactionsAtStart = transactions.committed();
        private final Map<String, Double> peakRss = new java.util.concurrent.ConcurrentHashMap<>();
        private final long startNanos = System.nanoTime();
        private final Thread thread;
        private volatile boolean running = true;
        private Map<String, Object> result;

        Sampler() {
            trees.forEach((name, pids) -> cpuAtStart.put(name, ProcStats.cpuSeconds(pids)));
            thread = new Thread(() -> {
                while (running) {
                    trees.forEach((name, pids) -> peakRss.merge(name, ProcStats.rssMb(pids), Math::max));
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "sampler");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            result = new LinkedHashMap<>();
            trees.forEach((name, pids) -> {
                Map<String, Object> one = new LinkedHashMap<>();
                double cpu = ProcStats.cpuSeconds(ProcStats.tree(pids.get(0))) - cpuAtStart.get(name);
                one.put("cpuPercentOfOneCore", Math.round(cpu / seconds * 1000) / 10.0);
                one.put("cpuSeconds", Math.round(cpu * 1000) / 1000.0);
                one.put("peakRssMb", peakRss.getOrDefault(name, ProcStats.rssMb(pids)));
                if (name.equals(POSTGRESQL)) {
                    one.put(TRANSACTIONS, transactions.since(transactionsAtStart));
                }
                result.put(name, one);
            });
        }

        Map<String, Object> result() {
            return result;
        }
    }

    // ------------------------------------------------------------------------------------------------ 1. answer

    private void answerWebhook() {
        Map<String, Object> answer = new LinkedHashMap<>();
        results.put("answerWebhook", answer);
        answer.put("loadGenerator", "Vert.x HTTP/1.1 client, 1 event-loop thread, keep-alive; closed loop "
                + settings.closedConnections() + " connections; open loop: latency from each request's intended start");
        Duration point = Duration.ofSeconds(settings.answerSeconds());
        Duration warm = Duration.ofSeconds(1);
        try (HttpLoad toGateway = new HttpLoad("127.0.0.1", gateway.port, 1024);
             HttpLoad toBaseline = new HttpLoad("127.0.0.1", baseline.port, 1024)) {
            log("answer webhook: warm-up...");
            toBaseline.closedLoop(settings.closedConnections(), Duration.ofSeconds(settings.answerWarmUpSeconds()),
                    Duration.ofSeconds(1), requests());
            toGateway.closedLoop(settings.closedConnections(), Duration.ofSeconds(settings.answerWarmUpSeconds()),
                    Duration.ofSeconds(1), requests());
            Map<String, List<HttpLoad.Result>> closed = new LinkedHashMap<>(Map.of("baseline", new ArrayList<>(),
                    "gateway", new ArrayList<>()));
            for (int r = 0; r < settings.repeats(); r++) {
                closed.get("baseline").add(toBaseline.closedLoop(settings.closedConnections(), warm, point, requests()));
                closed.get("gateway").add(toGateway.closedLoop(settings.closedConnections(), warm, point, requests()));
                log(String.format("  closed loop #%d: baseline %.0f req/s, gateway %.0f req/s", r + 1,
                        closed.get("baseline").get(r).throughput(), closed.get("gateway").get(r).throughput()));
            }
            answer.put("closedLoop", summarize(closed));
            Map<String, Object> open = new LinkedHashMap<>();
            for (double rate : settings.openRates()) {
                Map<String, List<HttpLoad.Result>> runs = new LinkedHashMap<>(Map.of("baseline", new ArrayList<>(),
                        "gateway", new ArrayList<>()));
                for (int r = 0; r < settings.repeats(); r++) {
                    runs.get("baseline").add(toBaseline.openLoop(rate, warm, point, requests()));
                    runs.get("gateway").add(toGateway.openLoop(rate, warm, point, requests()));
                    log(String.format("  open loop %.0f/s #%d: baseline p99 %s ms, gateway p99 %s ms", rate, r + 1,
                            Latency.f(runs.get("baseline").get(r).latency().p99()),
                            Latency.f(runs.get("gateway").get(r).latency().p99())));
                }
                open.put(Long.toString(Math.round(rate)), summarize(runs));
            }
            answer.put("openLoop", open);
        }
    }

    /** Signed requests, a fresh call uuid each, tokens signed just before the point (iat stays fresh). */
    private Supplier<HttpLoad.Call> requests() {
        int pool = 4096;
        String[] tokens = new String[pool];
        String[] uris = new String[pool];
        for (int i = 0; i < pool; i++) {
            tokens[i] = "Bearer " + signer.sign(new byte[0]);
            uris[i] = answerUri(UUID.randomUUID());
        }
        AtomicLong next = new AtomicLong();
        return () -> {
            int i = (int) (next.getAndIncrement() % pool);
            return new HttpLoad.Call(uris[i], tokens[i]);
        };
    }

    private Map<String, Object> summarize(Map<String, List<HttpLoad.Result>> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Double> throughput = new LinkedHashMap<>();
        Map<String, Latency> latency = new LinkedHashMap<>();
        runs.forEach((name, list) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            double tput = Latency.median(list.stream().map(HttpLoad.Result::throughput).toList());
            Latency lat = Latency.medianOf(list.stream().map(HttpLoad.Result::latency).toList());
            throughput.put(name, tput);
            latency.put(name, lat);
            one.put("throughputMedian", Math.round(tput));
            one.put("latencyMedianOfRepeats", lat.json());
            one.put("errors", list.stream().mapToLong(HttpLoad.Result::errors).sum());
            one.put("repeats", list.stream().map(r -> Map.of("throughput", Math.round(r.throughput()),
                    "errors", r.errors(), "latency", r.latency().json())).toList());
            out.put(name, one);
        });
        out.put("throughputRatio", Math.round(throughput.get("gateway") / throughput.get("baseline") * 1000) / 1000.0);
        out.put("p99Ratio", Math.round(latency.get("gateway").p99() / latency.get("baseline").p99() * 100) / 100.0);
        return out;
    }

    // ------------------------------------------------------------------------------------------------ 2-4. calls

    /** One point of calls: counts and latencies. */
    record CallPoint(double rate, int placed, int completed, int failed, List<String> failures, Latency routing,
            Latency survey, Map<String, Object> cost) {

        boolean passes() {
            return failed == 0 && routing.count() > 0 && routing.p99() < 250;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ratePerSecond", rate);
            m.put("placed", placed);
            m.put("completed", completed);
            m.put("failed", failed);
            m.put("firstFailures", failures);
            m.put("routing", routing.json());
            m.put("survey", survey.json());
            if (cost != null) {
                m.put("cost", cost);
            }
            return m;
        }
    }

    private void freshSimulator() {
        simulator.reset();
        transcripts.clear();
        simulator.settings(new Settings(settings.timeFactor(), false, false, 0));
        for (int i = 0; i < settings.agents(); i++) {
            simulator.register(AgentEndpoint.answering("phone", agentNumber(i), 1.0, 4.0));
        }
        for (int i = 0; i < settings.dispatchAgents(); i++) {
            simulator.register(AgentEndpoint.answering("phone", queueAgentNumber(i), 1.0, 4.0));
        }
        settle("before a point");
    }

    private void calls() {
        Map<String, Object> points = new LinkedHashMap<>();
        results.put("calls", points);
        List<Double> rates = new ArrayList<>(settings.callRates());
        Double capacity = null;
        if (settings.callWarmUpSeconds() > 0) {
            // freshly started JVMs interpret and JIT-compile: the first calls measure that, not the services
            log("calls: warm-up, not measured");
            callPoint(10, settings.callWarmUpSeconds(), Duration.ofSeconds(5));
        }
        for (double rate : rates) {
            List<CallPoint> repeats = new ArrayList<>();
            // failed calls fail the point whatever the other repeats measure: a rate beyond capacity is run once
            pointLags.clear();
            do {
                repeats.add(callPoint(rate, settings.callSeconds(), CALLS_TO_END));
            } while (repeats.size() < settings.repeats() && repeats.get(0).failed() == 0);
            Map<String, Object> point = pointSummary(repeats);
            points.put(Long.toString(Math.round(rate)), point);
            if ((boolean) point.get("passes") && (capacity == null || rate > capacity)) {
                capacity = rate;
            }
        }
        boolean allPassed = capacity != null && capacity.equals(rates.get(rates.size() - 1));
        for (double rate : settings.capacityRates()) {
            if (!allPassed) {
                break;
            }
            pointLags.clear();
            CallPoint one = callPoint(rate, settings.callSeconds(), CALLS_TO_END);
            Map<String, Object> point = pointSummary(List.of(one));
            points.put(Long.toString(Math.round(rate)), point);
            if (!one.passes()) {
                break;
            }
            capacity = rate;
        }
        Map<String, Object> cap = new LinkedHashMap<>();
        cap.put("highestPassingRatePerSecond", capacity);
        cap.put("criterion", "zero failed calls and routing p99 < 250 ms (median of repeats where repeated)");
        cap.put("highestRateTried", points.keySet().stream().mapToLong(Long::parseLong).max().orElse(0));
        results.put("capacity", cap);
    }

    private Map<String, Object> pointSummary(List<CallPoint> repeats) {
        Map<String, Object> point = new LinkedHashMap<>();
        Latency routingMedian = Latency.medianOf(repeats.stream().map(CallPoint::routing).toList());
        Latency surveyMedian = Latency.medianOf(repeats.stream().map(CallPoint::survey).toList());
        int failed = repeats.stream().mapToInt(CallPoint::failed).sum();
        point.put("routing", routingMedian.json());
        point.put("survey", surveyMedian.json());
        point.put("placed", repeats.stream().mapToInt(CallPoint::placed).sum());
        point.put("completed", repeats.stream().mapToInt(CallPoint::completed).sum());
        point.put("failed", failed);
        point.put("passes", failed == 0 && routingMedian.count() > 0 && routingMedian.p99() < 250);
        // ANSWERED record produced → the wallboard's pushed "answered" counting it (WallboardLag)
        point.put("wallboardLag", Latency.medianOf(List.copyOf(pointLags)).json());
        point.put("cost", repeats.get(repeats.size() - 1).cost());
        point.put("cpuMsPerCall", cpuMsPerCall(repeats));
        point.put("transactionsPerCall", transactionsPerCall(repeats));
        point.put("repeats", repeats.stream().map(CallPoint::json).toList());
        return point;
    }

    /**
     * CPU per placed call by process (median of the repeats), and the total of the contact center's own processes:
     * the services, Kafka and PostgreSQL, without the simulator and the baseline (they stand for Vonage and the
     * load generator). A point's CPU includes the time its last calls take to end and the idle work meanwhile.
     */
    static Map<String, Object> cpuMsPerCall(List<CallPoint> repeats) {
        Map<String, List<Double>> byProcess = new LinkedHashMap<>();
        for (CallPoint repeat : repeats) {
            if (repeat.cost() == null || repeat.placed() == 0) {
                continue;
            }
            double total = 0;
            for (Map.Entry<String, Object> e : repeat.cost().entrySet()) {
                double ms = ((Number) ((Map<?, ?>) e.getValue()).get("cpuSeconds")).doubleValue() * 1000 / repeat.placed();
                byProcess.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(ms);
                if (!NOT_THE_CONTACT_CENTER.contains(e.getKey())) {
                    total += ms;
                }
            }
            byProcess.computeIfAbsent(CPU_TOTAL, k -> new ArrayList<>()).add(total);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        byProcess.forEach((name, values) -> out.put(name, Math.round(Latency.median(values) * 10) / 10.0));
        return out;
    }

    /** Transactions committed per placed call by database (median of the repeats), and their total. */
    static Map<String, Object> transactionsPerCall(List<CallPoint> repeats) {
        Map<String, List<Double>> byDatabase = new LinkedHashMap<>();
        for (CallPoint repeat : repeats) {
            Map<?, ?> postgresql = repeat.cost() == null ? null : (Map<?, ?>) repeat.cost().get(POSTGRESQL);
            if (postgresql == null || postgresql.get(TRANSACTIONS) == null || repeat.placed() == 0) {
                continue;
            }
            double total = 0;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) postgresql.get(TRANSACTIONS)).entrySet()) {
                double perCall = ((Number) e.getValue()).doubleValue() / repeat.placed();
                byDatabase.computeIfAbsent(String.valueOf(e.getKey()), k -> new ArrayList<>()).add(perCall);
                total += perCall;
            }
            byDatabase.computeIfAbsent(TRANSACTIONS_TOTAL, k -> new ArrayList<>()).add(total);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        byDatabase.forEach((name, values) -> out.put(name, Math.round(Latency.median(values) * 10) / 10.0));
        return out;
    }

    static final String CPU_TOTAL = "contact center (services, Kafka, PostgreSQL)";
    static final String TRANSACTIONS_TOTAL = "all three databases";
    private static final String POSTGRESQL = "postgresql (all backends)";
    private static final String TRANSACTIONS = "transactionsByDatabase";
    private static final List<String> NOT_THE_CONTACT_CENTER = List.of("vonage-simulator", "benchmarks-baseline");

    // ------------------------------------------------------------------------------------------------ dispatch

    /**
     * The dispatch gap: calls to the department Queue, whose few agents cannot keep up, so callers always wait; each
     * time an agent's leg ends (wrap-up 0) the gap until that agent's next leg is created is what routing takes to
     * learn the agent is free and give them the next caller.
     */
    private void dispatchGap() {
        freshSimulator();
        int n = settings.dispatchCalls();
        log(String.format("dispatch gap: %d calls at 10/s to %d agents...", n, settings.dispatchAgents()));
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger dialFailures = new AtomicInteger();
        ExecutorService dialers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < n; i++) {
            dialers.submit(() -> dial(ids, dialFailures, "3"));
            Proc.sleep(100);
        }
        dialers.shutdown();
        awaitTermination(dialers);
        awaitCalls(ids, Duration.ofSeconds(120));
        CallPoint calls = evaluate(10, n, ids, dialFailures.get(), null);
        Latency gaps = DispatchGaps.of(transcripts.agentLegEvents());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("calls", n);
        out.put("agents", settings.dispatchAgents());
        out.put("completed", calls.completed());
        out.put("failed", calls.failed());
        out.put("gap", gaps.json());
        results.put("dispatch", out);
        log(String.format("  %d/%d completed; dispatch gap %s", calls.completed(), n, gaps.brief()));
    }

    /** One call to Sales after {@code BENCH_IDLE_SECONDS} of nothing, repeated: menu input → agent leg. */
    private void firstCallAfterIdleness() {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < settings.repeats(); i++) {
            freshSimulator();
            log(String.format("first call after %d s idle (%d of %d)...", settings.idleSeconds(), i + 1, settings.repeats()));
            Proc.sleep(settings.idleSeconds() * 1000L);
            List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger dialFailures = new AtomicInteger();
            dial(ids, dialFailures, "1");
            awaitCalls(ids, CALLS_TO_END);
            CallPoint call = evaluate(1, 1, ids, dialFailures.get(), null);
            if (call.routing().count() > 0) {
                latencies.add(call.routing().max());
            }
            log("  input -> agent leg " + call.routing().brief());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("idleSeconds", settings.idleSeconds());
        out.put("routingMs", latencies);
        out.put("worstMs", latencies.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        results.put("firstCallAfterIdleness", out);
    }

    private CallPoint callPoint(double rate, int seconds, Duration toEnd) {
        freshSimulator();
        int n = (int) Math.round(rate * seconds);
        log(String.format("calls: %.0f/s for %d s (%d calls)...", rate, seconds, n));
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger dialFailures = new AtomicInteger();
        ExecutorService dialers = Executors.newFixedThreadPool(8);
        int lagMark = wallboardLag.mark();
        Map<String, Object> cost;
        try (Sampler sampler = new Sampler()) {
            long interval = (long) (1e9 / rate);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                dialers.submit(() -> dial(ids, dialFailures, "1"));
            }
            dialers.shutdown();
            awaitTermination(dialers);
            awaitCalls(ids, toEnd);
            sampler.close();
            cost = sampler.result();
        }
        CallPoint point = evaluate(rate, n, ids, dialFailures.get(), cost);
        Latency lag = wallboardLag.since(lagMark);
        pointLags.add(lag);
        log(String.format("  %.0f/s: %d/%d completed, %d failed; routing %s; survey %s; wallboard lag %s", rate,
                point.completed(), n, point.failed(), point.routing().brief(), point.survey().brief(), lag.brief()));
        if (!point.failures().isEmpty()) {
            log("  failures: " + point.failures());
        }
        return point;
    }

    private void dial(List<String> ids, AtomicInteger dialFailures, String digit) {
        try {
            String id = simulator.dial("447700900123", CallerStep.pressWhenHeard("press " + digit, digit),
                    CallerStep.pressWhenHeard("1 to 5", "5")).callId();
            transcripts.track(id);
            ids.add(id);
        } catch (RuntimeException e) {
            dialFailures.incrementAndGet();
        }
    }

    private void awaitCalls(List<String> ids, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            boolean done;
            synchronized (ids) {
                done = ids.stream().map(transcripts::get).allMatch(c -> c != null && (c.surveyed() || c.callerEnded != 0));
            }
            if (done) {
                return;
            }
            Proc.sleep(200);
        }
    }

    private CallPoint evaluate(double rate, int placed, List<String> ids, int dialFailures, Map<String, Object> cost) {
        Histogram routingHist = Latency.histogram();
        Histogram surveyHist = Latency.histogram();
        int completed = 0;
        int failed = dialFailures;
        List<String> failures = new ArrayList<>();
        if (dialFailures > 0) {
            failures.add(dialFailures + " dial requests refused");
        }
        List<String> copy;
        synchronized (ids) {
            copy = List.copyOf(ids);
        }
        for (String id : copy) {
            Transcripts.CallTimes c = transcripts.get(id);
            if (c == null) {
                failed++;
                continue;
            }
            if (c.menuInput != 0 && c.agentLegCreated != 0) {
                routingHist.recordValue(Math.max(0, c.agentLegCreated - c.menuInput));
            }
            if (c.agentCompleted != 0 && c.transferred != 0) {
                surveyHist.recordValue(Math.max(0, c.transferred - c.agentCompleted));
            }
            if (c.surveyed() && c.failures.get() == 0 && "completed".equals(c.callerEndStatus)) {
                completed++;
            } else {
                failed++;
                if (failures.size() < 5) {
                    failures.add(id + ": " + (c.firstFailure != null ? c.firstFailure
                            : c.menuInput == 0 ? "no menu input" : c.agentLegCreated == 0 ? "no agent leg"
                            : c.transferred == 0 ? "no survey transfer" : c.surveyInput == 0 ? "no survey input"
                            : "not ended"));
                }
            }
        }
        return new CallPoint(rate, placed, completed, failed, failures, Latency.of(routingHist), Latency.of(surveyHist),
                cost);
    }

    // ------------------------------------------------------------------------------------------------ 4. held calls

    /**
     * Calls that choose the agent-less department Hold stay in progress (hold music, max wait 1 h) while probe
     * calls to Sales keep arriving; at every checkpoint the guarantees are checked: no held call failed or
     * ended, every probe call completed, probe routing p99 < 250 ms.
     */
    private void holdCapacity() {
        freshSimulator();
        int total = settings.holdCalls();
        log(String.format("held calls: %d at %.0f/s with probe calls to Sales at %.0f/s...", total,
                settings.holdRate(), settings.probeRate()));
        List<String> held = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger dialFailures = new AtomicInteger();
        ExecutorService dialers = Executors.newFixedThreadPool(8);
        List<Map<String, Object>> checkpoints = new ArrayList<>();
        int step = Math.max(1, total / 4);
        int lastGood = 0;
        String broke = null;
        Map<String, Object> cost;
        try (Sampler sampler = new Sampler()) {
            long holdInterval = (long) (1e9 / settings.holdRate());
            long probeInterval = (long) (1e9 / settings.probeRate());
            long start = System.nanoTime();
            long nextProbe = start;
            int placed = 0;
            List<String> probes = java.util.Collections.synchronizedList(new ArrayList<>());
            while (placed < total) {
                long nextHold = start + placed * holdInterval;
                long next = Math.min(nextHold, nextProbe);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (nextProbe <= nextHold) {
                    dialers.submit(() -> dial(probes, dialFailures, "1"));
                    nextProbe += probeInterval;
                    continue;
                }
                dialers.submit(() -> dial(held, dialFailures, "2"));
                placed++;
                if (placed % step == 0 || placed == total) {
                    // let the last calls reach the queue, then check
                    Proc.sleep(3_000);
                    List<String> probeIds;
                    synchronized (probes) {
                        probeIds = List.copyOf(probes);
                        probes.clear();
                    }
                    awaitCalls(probeIds, Duration.ofSeconds(15));
                    CallPoint probe = evaluate(settings.probeRate(), probeIds.size(), probeIds, 0, null);
                    int inProgress = 0;
                    int heldFailed = dialFailures.getAndSet(0);
                    synchronized (held) {
                        for (String id : held) {
                            Transcripts.CallTimes c = transcripts.get(id);
                            if (c != null && c.callerEnded == 0 && c.failures.get() == 0) {
                                inProgress++;
                            } else {
                                heldFailed++;
                            }
                        }
                    }
                    boolean ok = heldFailed == 0 && probe.failed() == 0 && probe.routing().count() > 0
                            && probe.routing().p99() < 250;
                    Map<String, Object> cp = new LinkedHashMap<>();
                    cp.put("heldPlaced", placed);
                    cp.put("heldInProgress", inProgress);
                    cp.put("heldFailedOrEnded", heldFailed);
                    cp.put("probe", probe.json());
                    cp.put("guaranteesHold", ok);
                    checkpoints.add(cp);
                    log(String.format("  %d placed: %d in progress, %d failed/ended; probes %d/%d ok, routing %s -> %s",
                            placed, inProgress, heldFailed, probe.completed(), probe.placed(), probe.routing().brief(),
                            ok ? "ok" : "BROKEN"));
                    if (!ok) {
                        broke = "at " + placed + " held calls: " + (heldFailed > 0 ? heldFailed + " held calls failed or ended; " : "")
                                + (probe.failed() > 0 ? probe.failed() + " probe calls failed " + probe.failures() + "; " : "")
                                + "probe routing p99 " + Latency.f(probe.routing().p99()) + " ms";
                        break;
                    }
                    lastGood = inProgress;
                    start = System.nanoTime() - placed * holdInterval; // the check's pause does not count as lag
                    nextProbe = System.nanoTime();
                }
            }
            dialers.shutdownNow();
            sampler.close();
            cost = sampler.result();
        }
        Map<String, Object> hold = new LinkedHashMap<>();
        hold.put("maxInProgressWithGuarantees", lastGood);
        hold.put("brokeAt", broke);
        hold.put("target", total);
        hold.put("checkpoints", checkpoints);
        hold.put("cost", cost);
        results.put("heldCalls", hold);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Proc track(Proc proc) {
        started.add(proc);
        return proc;
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            pool.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> merged = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            merged.put(keyValues[i], keyValues[i + 1]);
        }
        return merged;
    }

    static double round(double millis) {
        return Math.round(millis);
    }

    static void log(String line) {
        System.out.println("[" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
