package io.contactcenter.provisioning;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageApiResponseException;
import com.vonage.client.VonageClient;
import com.vonage.client.VonageClientException;
import com.vonage.client.application.Application;
import com.vonage.client.application.ApplicationClient;
import com.vonage.client.application.ApplicationList;
import com.vonage.client.application.ApplicationResponseException;
import com.vonage.client.application.ListApplicationRequest;
import com.vonage.client.application.capabilities.Region;
import com.vonage.client.application.capabilities.Voice;
import com.vonage.client.application.capabilities.Webhook;
import com.vonage.client.common.HttpMethod;
import com.vonage.client.numbers.AvailableNumber;
import com.vonage.client.numbers.Feature;
import com.vonage.client.numbers.ListNumbersFilter;
import com.vonage.client.numbers.NumbersClient;
import com.vonage.client.numbers.OwnedNumber;
import com.vonage.client.numbers.SearchNumbersFilter;
import com.vonage.client.numbers.SearchPattern;
import com.vonage.client.users.BaseUser;
import com.vonage.client.users.ListUsersRequest;
import com.vonage.client.users.User;
import com.vonage.client.users.UsersClient;
import com.vonage.client.users.UsersResponseException;

/**
 * The provisioning run: key → application → number → in-app users → output. Each step first looks at what exists
 * and changes only what differs, so a re-run after any failure finishes the job. Exit codes: 0 done, 1 a step
 * failed (one line on stderr naming it), 2 bad usage.
 */
public final class ProvisionCommand {

    static final int ANSWER_CONNECT_MILLIS = 1000;
    static final int ANSWER_SOCKET_MILLIS = 3000;
    static final int EVENT_CONNECT_MILLIS = 1000;
    static final int EVENT_SOCKET_MILLIS = 5000;
    private static final Map<String, String> REGION_HOSTS = Map.of("na-east", "https://api-us-3.vonage.com",
            "na-west", "https://api-us-4.vonage.com", "eu-west", "https://api-eu-3.vonage.com",
            "eu-east", "https://api-eu-4.vonage.com", "apac-sng", "https://api-ap-3.vonage.com",
            "apac-australia", "https://api-ap-4.vonage.com");
    private static final int STEPS = 5;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public ProvisionCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (Options.UsageException e) {
            err.println("provision: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(Options.USAGE);
            return 0;
        }
        String step = "key";
        int number = 1;
        try {
            progress(number, step, options.keyFile().toString());
            KeyFiles.Keys keys = key(options);
            State state = loadState(options);

            step = "application";
            number = 2;
            String applicationId = application(options, keys, state);

            step = "number";
            number = 3;
            String msisdn = number(options, applicationId, state);

            step = "in-app users";
            number = 4;
            users(options, applicationId, keys);

            step = "output";
            number = 5;
            output(options, applicationId, keys, msisdn);
            return 0;
        } catch (StepFailure failure) {
            String reason = failure.getMessage().strip().replaceAll("[.\\s]+$", "");
            err.println("provision: step " + number + "/" + STEPS + " (" + step + ") failed: " + reason + ". "
                    + failure.advice());
            return 1;
        } catch (RuntimeException unexpected) {
            err.println("provision: step " + number + "/" + STEPS + " (" + step + ") failed unexpectedly: "
                    + unexpected + ". Nothing is half-configured that a re-run cannot finish: run the same command again.");
            return 1;
        }
    }

    // ---- 1. key --------------------------------------------------------------------------------------------

    private KeyFiles.Keys key(Options options) {
        try {
            KeyFiles.Keys keys = KeyFiles.loadOrCreate(options.keyFile());
            if (keys.created()) {
                line("generated a 2048-bit RSA key pair: " + keys.file() + " (private, owner-only 0600)");
            } else {
                line("keeping the existing key " + keys.file() + (keys.permissionsRepaired()
                        ? " (its permissions were too open: now 0600)" : ""));
            }
            return keys;
        } catch (IllegalArgumentException e) {
            throw new StepFailure(e.getMessage(), "Fix or move the key file, then re-run.");
        } catch (IOException e) {
            throw new StepFailure("cannot read or write " + options.keyFile() + ": " + e.getMessage(),
                    "Check the directory exists and is writable (or pass --key-file), then re-run.");
        }
    }

    private State loadState(Options options) {
        try {
            return State.load(options.stateFile());
        } catch (IOException e) {
            throw new StepFailure(e.getMessage(), "Then re-run.");
        }
    }

    // ---- 2. application ------------------------------------------------------------------------------------

    private String application(Options options, KeyFiles.Keys keys, State state) {
        progress(2, "application", "\"" + options.applicationName() + "\"");
        ApplicationClient apps = account(options).getApplicationClient();
        Application existing = call("looking up the application", () -> find(apps, options, state));
        Region region = options.region() != null ? Region.fromString(options.region())
                : existing != null && existing.getCapabilities() != null && existing.getCapabilities().getVoice() != null
                ? existing.getCapabilities().getVoice().getRegion() : null;
        Voice voice = voice(options, region);
        String id;
        String action;
        if (existing == null) {
            Application created = call("creating the application", () -> apps.createApplication(Application.builder()
                    .name(options.applicationName()).publicKey(keys.publicPem()).addCapability(voice).build()));
            id = created.getId().toString();
            saveApplication(state, id);
            action = "created";
        } else {
            id = existing.getId().toString();
            saveApplication(state, id);
            if (upToDate(existing, options, voice, keys)) {
                action = "unchanged";
            } else {
                call("updating the application " + id, () -> apps.updateApplication(Application.builder(existing)
                        .name(options.applicationName()).publicKey(keys.publicPem()).addCapability(voice).build()));
                action = "updated";
            }
        }
        line("application " + id + ": " + action);
        line("  answer   GET  " + options.answerUrl());
        line("  event    POST " + options.eventUrl());
        line("  fallback GET  " + options.fallbackAnswerUrl());
        line("  signed callbacks on; region " + (region == null ? "(Vonage's choice)" : region + " "
                + REGION_HOSTS.get(region.toString())));
        return id;
    }

    private Application find(ApplicationClient apps, Options options, State state) {
        String known = options.applicationId() != null ? options.applicationId() : state.applicationId();
        if (known != null) {
            try {
                return apps.getApplication(known);
            } catch (ApplicationResponseException e) {
                if (e.getStatusCode() != 404) {
                    throw e;
                }
                if (options.applicationId() != null) {
                    throw new StepFailure("the application " + known + " (--application-id) does not exist in this account",
                            "Check the id, or leave --application-id out to find or create \"" + options.applicationName()
                                    + "\" by name.");
                }
                line("the application " + known + " of an earlier run is gone; looking for \""
                        + options.applicationName() + "\" by name");
            }
        }
        List<Application> named = new ArrayList<>();
        for (int page = 1; ; page++) {
            ApplicationList list = apps.listApplications(ListApplicationRequest.builder().page(page).pageSize(100).build());
            if (list.getApplications() != null) {
                list.getApplications().stream().filter(a -> options.applicationName().equals(a.getName()))
                        .forEach(named::add);
            }
            if (list.getTotalPages() == null || page >= list.getTotalPages()) {
                break;
            }
        }
        if (named.size() > 1) {
            throw new StepFailure(named.size() + " applications are named \"" + options.applicationName() + "\" ("
                    + String.join(", ", named.stream().map(a -> a.getId().toString()).toList()) + ")",
                    "Pass --application-id with the one to use (or --name with another name), then re-run.");
        }
        return named.isEmpty() ? null : named.get(0);
    }

    private static Voice voice(Options options, Region region) {
        Voice.Builder voice = Voice.builder()
                .answer(Webhook.builder().address(options.answerUrl()).method(HttpMethod.GET)
                        .connectionTimeout(ANSWER_CONNECT_MILLIS).socketTimeout(ANSWER_SOCKET_MILLIS).build())
                .fallbackAnswer(Webhook.builder().address(options.fallbackAnswerUrl()).method(HttpMethod.GET)
                        .connectionTimeout(ANSWER_CONNECT_MILLIS).socketTimeout(ANSWER_SOCKET_MILLIS).build())
                .event(Webhook.builder().address(options.eventUrl()).method(HttpMethod.POST)
                        .connectionTimeout(EVENT_CONNECT_MILLIS).socketTimeout(EVENT_SOCKET_MILLIS).build())
                .signedCallbacks(true);
        if (region != null) {
            voice.region(region);
        }
        return voice.build();
    }

    private static boolean upToDate(Application existing, Options options, Voice wanted, KeyFiles.Keys keys) {
        if (!options.applicationName().equals(existing.getName()) || existing.getKeys() == null
                || !KeyFiles.body(keys.publicPem()).equals(KeyFiles.body(existing.getKeys().getPublicKey()))
                || existing.getCapabilities() == null || existing.getCapabilities().getVoice() == null) {
            return false;
        }
        Voice voice = existing.getCapabilities().getVoice();
        if (!Boolean.TRUE.equals(voice.getSignedCallbacks()) || !Objects.equals(wanted.getRegion(), voice.getRegion())
                || voice.getWebhooks() == null) {
            return false;
        }
        for (Webhook.Type type : List.of(Webhook.Type.ANSWER, Webhook.Type.FALLBACK_ANSWER, Webhook.Type.EVENT)) {
            Webhook want = wanted.getWebhooks().get(type);
            Webhook have = voice.getWebhooks().get(type);
            if (have == null || !want.getAddress().equals(have.getAddress()) || want.getMethod() != have.getMethod()
                    || !Objects.equals(want.getConnectionTimeout(), have.getConnectionTimeout())
                    || !Objects.equals(want.getSocketTimeout(), have.getSocketTimeout())) {
                return false;
            }
        }
        return true;
    }

    private void saveApplication(State state, String id) {
        if (id.equals(state.applicationId())) {
            return;
        }
        try {
            state.applicationId(id);
        } catch (IOException e) {
            throw new StepFailure("the application " + id + " exists but the state file could not be written ("
                    + e.getMessage() + ")", "Make the state file's directory writable and re-run: the application is "
                    + "found again by its name.");
        }
    }

    // ---- 3. number -----------------------------------------------------------------------------------------

    private String number(Options options, String applicationId, State state) {
        NumbersClient numbers = account(options).getNumbersClient();
        if (options.number() != null) {
            progress(3, "number", "link " + options.number());
            OwnedNumber owned = call("looking up " + options.number() + " in the account", () -> owned(numbers,
                    ListNumbersFilter.builder().pattern(SearchPattern.STARTS_WITH, options.number()).size(100).build()))
                    .stream().filter(n -> options.number().equals(n.getMsisdn())).findFirst().orElse(null);
            if (owned == null) {
                throw new StepFailure("the number " + options.number() + " is not one of this account's numbers",
                        "Check the number, or buy one with --country instead of --number, then re-run.");
            }
            return link(numbers, owned.getCountry(), owned.getMsisdn(), owned.getAppId(), applicationId);
        }
        List<OwnedNumber> linked = call("listing the application's numbers", () -> owned(numbers,
                ListNumbersFilter.builder().applicationId(applicationId).size(100).build()));
        if (options.country() == null) {
            progress(3, "number", "none asked for");
            if (linked.isEmpty()) {
                line("no number is linked to the application: re-run with --country CC to buy one or --number MSISDN "
                        + "to link one you own");
                return null;
            }
            line("linked number " + linked.get(0).getMsisdn() + " (" + linked.get(0).getCountry() + "): unchanged");
            return linked.get(0).getMsisdn();
        }
        progress(3, "number", "a voice number in " + options.country());
        for (OwnedNumber number : linked) {
            if (options.country().equals(number.getCountry())) {
                line("number " + number.getMsisdn() + " (" + number.getCountry() + ") is already linked: unchanged");
                return number.getMsisdn();
            }
        }
        String[] bought = state.boughtNumber();
        if (bought != null && bought[0].equals(options.country())) {
            OwnedNumber earlier = call("looking up the number an earlier run bought", () -> owned(numbers,
                    ListNumbersFilter.builder().pattern(SearchPattern.STARTS_WITH, bought[1]).size(100).build()))
                    .stream().filter(n -> bought[1].equals(n.getMsisdn())).findFirst().orElse(null);
            if (earlier != null) {
                line("an earlier run bought " + bought[1] + "; linking it now");
                return link(numbers, earlier.getCountry(), earlier.getMsisdn(), earlier.getAppId(), applicationId);
            }
        }
        AvailableNumber[] offered = call("searching voice numbers in " + options.country(), () -> numbers.searchNumbers(
                SearchNumbersFilter.builder().country(options.country()).features(Feature.VOICE).size(10).build())
                .getNumbers());
        if (offered.length == 0) {
            throw new StepFailure("Vonage offers no voice numbers in " + options.country() + " right now",
                    "Try another --country, or buy one elsewhere and pass it with --number; then re-run.");
        }
        AvailableNumber choice = offered[0];
        call("buying " + choice.getMsisdn() + " in " + options.country() + " (cost " + choice.getCost() + ")", () -> {
            numbers.buyNumber(options.country(), choice.getMsisdn());
            return null;
        });
        try {
            state.boughtNumber(options.country(), choice.getMsisdn());
        } catch (IOException e) {
            throw new StepFailure("bought " + choice.getMsisdn() + " but could not record it in " + options.stateFile()
                    + " (" + e.getMessage() + ")", "Re-run with --number " + choice.getMsisdn()
                    + " instead of --country to link it without buying another.");
        }
        line("bought " + choice.getMsisdn() + " (" + options.country() + ", cost " + choice.getCost() + ")");
        return link(numbers, options.country(), choice.getMsisdn(), null, applicationId);
    }

    private String link(NumbersClient numbers, String country, String msisdn, Object currentApp, String applicationId) {
        if (currentApp != null && applicationId.equals(currentApp.toString())) {
            line("number " + msisdn + " (" + country + ") is already linked: unchanged");
            return msisdn;
        }
        call("linking " + msisdn + " to the application", () -> {
            numbers.linkNumber(msisdn, country, applicationId);
            return null;
        });
        line("number " + msisdn + " (" + country + ") linked to the application"
                + (currentApp == null ? "" : " (it was linked to " + currentApp + ")"));
        return msisdn;
    }

    private static List<OwnedNumber> owned(NumbersClient numbers, ListNumbersFilter filter) {
        List<OwnedNumber> found = numbers.listNumbers(filter);
        return found == null ? List.of() : found;
    }

    // ---- 4. in-app users -----------------------------------------------------------------------------------

    private void users(Options options, String applicationId, KeyFiles.Keys keys) {
        if (options.directoryUrl() == null) {
            progress(4, "in-app users", "skipped (no DIRECTORY_URL)");
            return;
        }
        progress(4, "in-app users", "directory " + options.directoryUrl());
        DirectoryClient directory = new DirectoryClient(options.directoryUrl(), options.directoryToken());
        List<DirectoryClient.AppAgent> agents;
        try {
            agents = directory.appAgents();
        } catch (IOException e) {
            throw new StepFailure("reading the in-app agents: " + e.getMessage(),
                    "Fix the directory URL or token and re-run (the application and number are done).");
        }
        UsersClient users = application(options, applicationId, keys).getUsersClient();
        int created = 0;
        int found = 0;
        int unchanged = 0;
        for (DirectoryClient.AppAgent agent : agents) {
            String userId = agent.vonageUserId() == null ? null
                    : call("checking the Vonage user of " + agent.userName(), () -> existingUser(users, agent));
            if (userId != null) {
                unchanged++;
                continue;
            }
            userId = call("looking up the Vonage user " + agent.userName(), () -> userByName(users, agent.userName()));
            if (userId == null) {
                try {
                    userId = users.createUser(User.builder().name(agent.userName()).displayName(agent.name()).build())
                            .getId();
                    created++;
                } catch (UsersResponseException e) {
                    if (e.getStatusCode() != 409) {
                        throw failure("creating the Vonage user " + agent.userName(), e);
                    }
                    userId = call("looking up the Vonage user " + agent.userName(), () -> userByName(users,
                            agent.userName()));
                    found++;
                } catch (VonageClientException e) {
                    throw failure("creating the Vonage user " + agent.userName(), e);
                }
            } else {
                found++;
            }
            try {
                directory.storeVonageUser(agent.id(), userId);
            } catch (IOException e) {
                throw new StepFailure("storing " + userId + " as the Vonage user of agent " + agent.name() + ": "
                        + e.getMessage(), "Re-run: the user exists and is found by name.");
            }
        }
        line(agents.size() + " in-app agent(s): " + created + " Vonage user(s) created, " + found
                + " found by name and stored, " + unchanged + " already stored");
    }

    /** The stored user id when that user still exists under the agent's name, else null. */
    private static String existingUser(UsersClient users, DirectoryClient.AppAgent agent) {
        try {
            User user = users.getUser(agent.vonageUserId());
            return agent.userName().equals(user.getName()) ? user.getId() : null;
        } catch (UsersResponseException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static String userByName(UsersClient users, String name) {
        List<BaseUser> found = users.listUsers(ListUsersRequest.builder().name(name).build()).getUsers();
        return found == null ? null : found.stream().filter(u -> name.equals(u.getName())).map(BaseUser::getId)
                .findFirst().orElse(null);
    }

    // ---- 5. output -----------------------------------------------------------------------------------------

    private void output(Options options, String applicationId, KeyFiles.Keys keys, String msisdn) {
        progress(5, "output", options.secretFile() != null ? "Secret manifest" : "environment");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("VONAGE_APPLICATION_ID", applicationId);
        environment.put("VONAGE_PRIVATE_KEY", keys.file().toString());
        if (msisdn != null) {
            environment.put("VONAGE_NUMBER", msisdn);
        }
        environment.put("GATEWAY_PUBLIC_URL", options.gatewayUrl());
        environment.put("VONAGE_API_BASE_URL", options.voiceBaseUrl());
        environment.put("VONAGE_API_KEY", options.apiKey());
        environment.put("VONAGE_API_SECRET", options.apiSecret());
        if (options.signatureSecret() != null) {
            environment.put("VONAGE_SIGNATURE_SECRET", options.signatureSecret());
        }
        out.println();
        out.println("Configuration for the services (secrets masked; the private key stays in its file):");
        environment.forEach((name, value) -> out.println("  " + name + "=" + (secret(name) ? Secrets.mask(value) : value)));
        if (options.signatureSecret() == null) {
            out.println("  VONAGE_SIGNATURE_SECRET is not set: the gateway needs the account's signature secret "
                    + "(API settings of the account); export it and re-run to include it in the files.");
        }
        try {
            if (options.envFile() != null) {
                StringBuilder file = new StringBuilder("# written by deploy/provision " + Instant.now()
                        + ": contains secrets, keep it out of git\n");
                environment.forEach((name, value) -> file.append("export ").append(name).append("='")
                        .append(value.replace("'", "'\\''")).append("'\n"));
                KeyFiles.writeOwnerOnly(options.envFile(), file.toString());
                out.println("Wrote " + options.envFile() + " (0600): source it before deploy/local/run.sh.");
            }
            if (options.secretFile() != null) {
                KeyFiles.writeOwnerOnly(options.secretFile(), secretManifest(options, applicationId, keys, msisdn));
                out.println("Wrote " + options.secretFile() + " (0600): kubectl apply -n <namespace> -f "
                        + options.secretFile());
                warnIfInWorkTree(options.secretFile());
                if (msisdn != null) {
                    out.println("Set VONAGE_NUMBER=" + msisdn + " and GATEWAY_PUBLIC_URL=" + options.gatewayUrl()
                            + " in your overlay's kustomization (they are not secrets).");
                }
            }
        } catch (IOException e) {
            throw new StepFailure("writing the output file: " + e.getMessage(),
                    "Fix the path and re-run (everything at Vonage is done and is left unchanged).");
        }
        out.println("Done: call " + (msisdn == null ? "your number" : "+" + msisdn)
                + " once the services run with this configuration.");
    }

    private static boolean secret(String name) {
        return name.endsWith("_SECRET") || name.endsWith("_TOKEN");
    }

    private static String secretManifest(Options options, String applicationId, KeyFiles.Keys keys, String msisdn) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Written by deploy/provision ").append(Instant.now()).append(" for the Vonage application \"")
                .append(options.applicationName()).append("\".\n")
                .append("# Contains secrets: never commit it. Apply with: kubectl apply -n <namespace> -f <this file>\n")
                .append("# The key names are those of deploy/kubernetes/secret.example.yaml.\n");
        if (msisdn != null) {
            yaml.append("# Not secret (set them in the overlay's kustomization): VONAGE_NUMBER=").append(msisdn)
                    .append(", GATEWAY_PUBLIC_URL=").append(options.gatewayUrl()).append("\n");
        }
        yaml.append("apiVersion: v1\nkind: Secret\nmetadata:\n  name: vonage-application\ntype: Opaque\nstringData:\n")
                .append("  VONAGE_APPLICATION_ID: \"").append(applicationId).append("\"\n")
                .append("  VONAGE_PRIVATE_KEY: |\n");
        for (String line : keys.privatePem().strip().split("\n")) {
            yaml.append("    ").append(line.strip()).append("\n");
        }
        if (options.signatureSecret() != null) {
            yaml.append("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: vonage-signature\ntype: Opaque\n")
                    .append("stringData:\n  VONAGE_SIGNATURE_SECRET: \"")
                    .append(options.signatureSecret().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return yaml.toString();
    }

    /** A manifest inside a git work tree (outside .local/) is one "git add ." away from being committed. */
    private void warnIfInWorkTree(Path file) {
        for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                if (!file.toAbsolutePath().startsWith(dir.resolve(".local"))) {
                    out.println("Warning: " + file + " is inside the git work tree " + dir
                            + "; keep it out of commits (or write it outside, or under .local/).");
                }
                return;
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private VonageClient account(Options options) {
        return VonageClient.builder().apiKey(options.apiKey()).apiSecret(options.apiSecret())
                .httpConfig(http(options)).build();
    }

    private VonageClient application(Options options, String applicationId, KeyFiles.Keys keys) {
        return VonageClient.builder().applicationId(applicationId).privateKeyContents(keys.privatePem())
                .httpConfig(http(options)).build();
    }

    private static HttpConfig http(Options options) {
        HttpConfig.Builder http = HttpConfig.builder().timeoutMillis(30_000);
        if (options.apiBaseUrl() != null) {
            http.baseUri(options.apiBaseUrl()); // api and rest hosts alike (Applications, Numbers, Users)
        }
        return http.build();
    }

    private interface Call<T> {
        T run();
    }

    /** Runs one Vonage call, turning its failure into a {@link StepFailure} that says what was being done. */
    private static <T> T call(String doing, Call<T> call) {
        try {
            return call.run();
        } catch (StepFailure failure) {
            throw failure;
        } catch (VonageClientException | IllegalArgumentException | IllegalStateException e) {
            throw failure(doing, e);
        }
    }

    private static StepFailure failure(String doing, RuntimeException e) {
        String advice = "Nothing is half-configured that a re-run cannot finish: fix the cause and run the same command again.";
        if (e instanceof VonageApiResponseException api) {
            String label = api.getErrorCodeLabel();
            String reason = api.getStatusCode() + (api.getTitle() != null ? " " + api.getTitle() : "")
                    + (api.getDetail() != null ? ": " + api.getDetail() : "")
                    + (label != null ? " (" + label + ")" : "")
                    + (api.getInvalidParameters() != null ? " " + api.getInvalidParameters() : "");
            if (api.getStatusCode() == 401) {
                advice = "Check VONAGE_API_KEY and VONAGE_API_SECRET (or the application key for users), then re-run.";
            } else if (api.getStatusCode() == 429) {
                advice = "Vonage is rate-limiting: wait a moment and run the same command again.";
            }
            return new StepFailure(doing + ": Vonage answered " + reason, advice, e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new StepFailure(doing + ": " + (root.getMessage() == null ? root.toString() : root.getMessage()),
                advice, e);
    }

    private void progress(int number, String step, String what) {
        out.println("[" + number + "/" + STEPS + "] " + step + ": " + what);
    }

    private void line(String text) {
        out.println("      " + text);
    }
}
