package io.contactcenter.provisioning;

import static io.contactcenter.provisioning.ProvisioningEnvironment.API_SECRET;
import static io.contactcenter.provisioning.ProvisioningEnvironment.INITIAL_NUMBER;
import static io.contactcenter.provisioning.ProvisioningEnvironment.SIGNATURE_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import com.vonage.client.users.BaseUser;

import io.contactcenter.provisioning.ProvisioningEnvironment.Run;

/**
 * The command against the real (packaged) simulator and directory: a fresh run sets up application, number, users
 * and output; a re-run changes nothing; failures in the middle stop with a one-line reason naming the step and a
 * re-run finishes; keys and written files are owner-only; secrets never appear in full on screen.
 */
class ProvisionCommandTest {

    private static ProvisioningEnvironment cc;

    @TempDir
    Path dir;

    private Path keyFile;
    private String alice;
    private String bob;

    @BeforeAll
    static void start() throws Exception {
        Logger.getLogger("com.vonage").setLevel(Level.OFF);
        cc = ProvisioningEnvironment.shared();
    }

    @BeforeEach
    void cleanAccountAndDirectory() throws Exception {
        cc.account.reset();
        cc.deleteEverything();
        String support = cc.department(2, "Support");
        alice = cc.agent("Alice", "app", "alice", support);
        bob = cc.agent("Bob", "app", "bob", support);
        cc.agent("Jane", "phone", "14155550101", support);
        keyFile = dir.resolve("keys/cc.key");
    }

    private String[] args(String... extra) {
        List<String> args = new ArrayList<>(List.of("--api-base-url", cc.simulator.url(), "--name", "contact-center",
                "--key-file", keyFile.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void freshRunSetsEverythingUpAndAReRunChangesNothing() throws Exception {
        Path secret = dir.resolve("out/secrets.yaml");
        Path envFile = dir.resolve("out/vonage.env");
        Run first = cc.provision(cc.env(), args("--country", "GB", "--region", "eu-west",
                "--secret-file", secret.toString(), "--env-file", envFile.toString()));
        assertEquals(0, first.exitCode(), first.all());

        JsonNode account = cc.account.account();
        assertEquals(1, account.get("applications").size());
        JsonNode app = account.get("applications").get(0);
        String appId = app.get("id").asText();
        JsonNode voice = app.get("capabilities").get("voice");
        assertEquals("https://cc.example.com/webhooks/answer", voice.at("/webhooks/answer_url/address").asText());
        assertEquals("GET", voice.at("/webhooks/answer_url/http_method").asText());
        assertEquals("https://cc.example.com/webhooks/event", voice.at("/webhooks/event_url/address").asText());
        assertEquals("POST", voice.at("/webhooks/event_url/http_method").asText());
        assertEquals("https://cc.example.com/webhooks/answer", voice.at("/webhooks/fallback_answer_url/address").asText());
        assertEquals(3000, voice.at("/webhooks/answer_url/socket_timeout").asInt());
        assertEquals(1000, voice.at("/webhooks/event_url/connection_timeout").asInt());
        assertTrue(voice.get("signed_callbacks").asBoolean());
        assertEquals("eu-west", voice.get("region").asText());
        assertEquals(KeyFiles.body(KeyFiles.publicPemOf(Files.readString(keyFile), keyFile)),
                KeyFiles.body(app.at("/keys/public_key").asText()), "the application has our key's public half");

        List<JsonNode> linked = linkedTo(account, appId);
        assertEquals(1, linked.size());
        String number = linked.get(0).get("msisdn").asText();
        assertTrue(number.startsWith("44"), number);
        assertEquals(2, account.get("numbers").size(), "the initial number and the bought one");

        Map<String, String> userIds = vonageUserIds();
        assertEquals(2, userIds.size(), userIds.toString());
        List<BaseUser> users = usersOf(appId);
        assertEquals(2, users.size());
        for (BaseUser user : users) {
            assertEquals(user.getId(), userIds.get(user.getName()));
        }

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile)));
        String manifest = Files.readString(secret);
        assertTrue(manifest.contains("name: vonage-application"));
        assertTrue(manifest.contains("VONAGE_APPLICATION_ID: \"" + appId + "\""));
        assertTrue(manifest.contains("VONAGE_PRIVATE_KEY: |\n    -----BEGIN PRIVATE KEY-----\n"));
        assertTrue(manifest.contains("name: vonage-signature"));
        assertTrue(manifest.contains("VONAGE_SIGNATURE_SECRET: \"" + SIGNATURE_SECRET + "\""));
        assertEquals(secretKeys(Files.readString(Path.of("..", "deploy", "kubernetes", "secret.example.yaml"))),
                secretKeys(manifest), "the same Secrets and keys as deploy/kubernetes/secret.example.yaml");
        assertTrue(Files.readString(envFile).contains("export VONAGE_NUMBER='" + number + "'"));

        assertMasked(first);
        assertTrue(first.out().contains("VONAGE_APPLICATION_ID=" + appId));
        assertTrue(first.out().contains("VONAGE_NUMBER=" + number));
        assertTrue(first.out().contains("VONAGE_PRIVATE_KEY=" + keyFile));
        assertTrue(first.out().contains("VONAGE_API_SECRET=ac********"), first.out());

        String keyBefore = Files.readString(keyFile);
        Run again = cc.provision(cc.env(), args("--country", "GB", "--region", "eu-west",
                "--secret-file", secret.toString()));
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.out().contains("application " + appId + ": unchanged"), again.out());
        assertTrue(again.out().contains("already linked: unchanged"), again.out());
        assertTrue(again.out().contains("0 Vonage user(s) created, 0 found by name and stored, 2 already stored"),
                again.out());
        JsonNode after = cc.account.account();
        assertEquals(app, after.get("applications").get(0), "the application is exactly as before");
        assertEquals(1, after.get("applications").size());
        assertEquals(account.get("numbers"), after.get("numbers"), "no second number bought");
        assertEquals(userIds, vonageUserIds());
        assertEquals(2, usersOf(appId).size());
        assertEquals(keyBefore, Files.readString(keyFile), "the key file is kept");
        assertMasked(again);
    }

    @Test
    void aFailedPurchaseStopsWithTheStepNamedAndAReRunFinishes() throws Exception {
        cc.account.failNext("POST", "/number/buy", 500, 1);
        Run failed = cc.provision(cc.env(), args("--country", "US"));
        assertEquals(1, failed.exitCode());
        assertEquals(1, failed.err().strip().lines().count(), "one line: " + failed.err());
        assertTrue(failed.err().startsWith("provision: step 3/5 (number) failed: buying "), failed.err());
        assertTrue(failed.err().contains("500"), failed.err());
        assertTrue(failed.err().contains("run the same command again"), failed.err());
        assertMasked(failed);
        JsonNode account = cc.account.account();
        assertEquals(1, account.get("applications").size(), "the application step was done");
        assertEquals(1, account.get("numbers").size(), "nothing bought");
        assertTrue(vonageUserIds().isEmpty(), "the users step was not reached");

        Run rerun = cc.provision(cc.env(), args("--country", "US"));
        assertEquals(0, rerun.exitCode(), rerun.all());
        account = cc.account.account();
        assertEquals(1, account.get("applications").size(), "the same application, no duplicate");
        String appId = account.get("applications").get(0).get("id").asText();
        assertEquals(1, linkedTo(account, appId).size());
        assertTrue(linkedTo(account, appId).get(0).get("msisdn").asText().startsWith("1"));
        assertEquals(2, vonageUserIds().size());
    }

    @Test
    void aFailedLinkAfterThePurchaseIsFinishedWithoutBuyingASecondNumber() throws Exception {
        cc.account.failNext("POST", "/number/update", 503, 1);
        Run failed = cc.provision(cc.env(), args("--country", "GB"));
        assertEquals(1, failed.exitCode());
        assertTrue(failed.err().contains("step 3/5 (number) failed: linking "), failed.err());
        JsonNode account = cc.account.account();
        assertEquals(2, account.get("numbers").size(), "bought");
        String appId = account.get("applications").get(0).get("id").asText();
        assertTrue(linkedTo(account, appId).isEmpty(), "but not linked");

        Run rerun = cc.provision(cc.env(), args("--country", "GB"));
        assertEquals(0, rerun.exitCode(), rerun.all());
        assertTrue(rerun.out().contains("an earlier run bought"), rerun.out());
        account = cc.account.account();
        assertEquals(2, account.get("numbers").size(), "still one bought number");
        assertEquals(1, linkedTo(account, appId).size());
    }

    @Test
    void failuresCreatingApplicationOrUsersAreRepairedByAReRun() throws Exception {
        cc.account.failNext("POST", "/v2/applications", 500, 1);
        Run noApp = cc.provision(cc.env(), args());
        assertEquals(1, noApp.exitCode());
        assertTrue(noApp.err().startsWith("provision: step 2/5 (application) failed: creating the application"),
                noApp.err());
        assertEquals(0, cc.account.account().get("applications").size());
        assertTrue(Files.exists(keyFile), "the key is kept for the next run");
        String key = Files.readString(keyFile);

        cc.account.failNext("POST", "/v1/users", 500, 1);
        Run noUsers = cc.provision(cc.env(), args());
        assertEquals(1, noUsers.exitCode());
        assertTrue(noUsers.err().startsWith("provision: step 4/5 (in-app users) failed: creating the Vonage user "),
                noUsers.err());
        assertEquals(1, cc.account.account().get("applications").size());

        Run rerun = cc.provision(cc.env(), args());
        assertEquals(0, rerun.exitCode(), rerun.all());
        assertEquals(1, cc.account.account().get("applications").size());
        assertEquals(2, vonageUserIds().size());
        assertEquals(key, Files.readString(keyFile));
        assertTrue(rerun.out().contains("no number is linked"), rerun.out());
    }

    @Test
    void linksAnOwnedNumberAndUpdatesAChangedApplicationInPlace() throws Exception {
        Run first = cc.provision(cc.env(), args("--number", "+" + INITIAL_NUMBER));
        assertEquals(0, first.exitCode(), first.all());
        JsonNode account = cc.account.account();
        String appId = account.get("applications").get(0).get("id").asText();
        assertEquals(INITIAL_NUMBER, linkedTo(account, appId).get(0).get("msisdn").asText(),
                "the number moved from the simulator's own application to ours");
        assertEquals(1, account.get("numbers").size(), "nothing bought");

        // the key file's permissions got loosened: repaired; the gateway moved and a region is chosen: updated
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> env = cc.env();
        env.put("GATEWAY_PUBLIC_URL", "https://new.example.com/");
        Run moved = cc.provision(env, args("--number", INITIAL_NUMBER, "--region", "na-east"));
        assertEquals(0, moved.exitCode(), moved.all());
        assertTrue(moved.out().contains("application " + appId + ": updated"), moved.out());
        assertTrue(moved.out().contains("now 0600"), moved.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        JsonNode app = cc.account.account().get("applications").get(0);
        assertEquals(appId, app.get("id").asText());
        assertEquals("https://new.example.com/webhooks/answer",
                app.at("/capabilities/voice/webhooks/answer_url/address").asText());
        assertEquals("na-east", app.at("/capabilities/voice/region").asText());

        Run unknown = cc.provision(cc.env(), args("--number", "447700900999"));
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("is not one of this account's numbers"), unknown.err());
    }

    @Test
    void badUsageAndBadCredentialsExitNonZeroWithOneLine() throws Exception {
        Map<String, String> noKey = cc.env();
        noKey.remove("VONAGE_API_KEY");
        Run missing = cc.provision(noKey, args());
        assertEquals(2, missing.exitCode());
        assertEquals("provision: VONAGE_API_KEY is required (set it in the environment)", missing.err().strip());

        Run onCommandLine = cc.provision(cc.env(), args("--api-secret", "x"));
        assertEquals(2, onCommandLine.exitCode());
        assertTrue(onCommandLine.err().contains("not accepted on the command line"));
        assertEquals(2, cc.provision(cc.env(), args("--region", "mars")).exitCode());
        assertEquals(2, cc.provision(cc.env(), args("--country", "GB", "--number", INITIAL_NUMBER)).exitCode());
        assertEquals(0, cc.provision(cc.env(), "--help").exitCode());

        Map<String, String> wrong = cc.env();
        wrong.put("VONAGE_API_SECRET", "not-the-secret-at-all");
        Run refused = cc.provision(wrong, args());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().startsWith("provision: step 2/5 (application) failed"), refused.err());
        assertTrue(refused.err().contains("401") && refused.err().contains("Check VONAGE_API_KEY"), refused.err());
        assertFalse(refused.all().contains("not-the-secret-at-all"));

        Map<String, String> badToken = cc.env();
        badToken.put("DIRECTORY_ADMIN_TOKEN", "nonsense");
        Run directoryRefused = cc.provision(badToken, args());
        assertEquals(1, directoryRefused.exitCode());
        assertTrue(directoryRefused.err().contains("step 4/5 (in-app users)")
                && directoryRefused.err().contains("DIRECTORY_ADMIN_TOKEN"), directoryRefused.err());
    }

    /** No secret in full: API secret, signature secret, admin token, the private key's body. */
    private void assertMasked(Run run) throws Exception {
        assertFalse(run.all().contains(API_SECRET), "API secret printed");
        assertFalse(run.all().contains(SIGNATURE_SECRET), "signature secret printed");
        assertFalse(run.all().contains(cc.adminToken), "admin token printed");
        if (Files.exists(keyFile)) {
            String body = KeyFiles.body(Files.readString(keyFile));
            assertFalse(run.all().replaceAll("\\s", "").contains(body.substring(40, 120)), "private key printed");
        }
    }

    /** Secret name → its stringData keys, for the two Vonage Secrets (a plain reading of the YAML). */
    private static Map<String, List<String>> secretKeys(String yaml) {
        Map<String, List<String>> secrets = new java.util.TreeMap<>();
        for (String document : yaml.split("(?m)^---$")) {
            java.util.regex.Matcher name = java.util.regex.Pattern.compile("(?m)^  name: (vonage-[a-z]+)$").matcher(document);
            if (name.find() && document.contains("kind: Secret")) {
                List<String> keys = new ArrayList<>();
                java.util.regex.Matcher key = java.util.regex.Pattern.compile("(?m)^  ([A-Z_]+):").matcher(
                        document.substring(document.indexOf("stringData:")));
                while (key.find()) {
                    keys.add(key.group(1));
                }
                secrets.put(name.group(1), keys);
            }
        }
        return secrets;
    }

    private static List<JsonNode> linkedTo(JsonNode account, String appId) {
        List<JsonNode> linked = new ArrayList<>();
        account.get("numbers").forEach(n -> {
            if (appId.equals(n.path("app_id").asText(null))) {
                linked.add(n);
            }
        });
        return linked;
    }

    /** userName → vonageUserId of the in-app agents that have one. */
    private Map<String, String> vonageUserIds() throws Exception {
        Map<String, String> ids = new java.util.TreeMap<>();
        for (JsonNode agent : cc.agents()) {
            if (agent.hasNonNull("vonageUserId")) {
                ids.put(agent.at("/endpoint/value").asText(), agent.get("vonageUserId").asText());
            }
        }
        assertFalse(ids.containsKey("14155550101"), "phone agents get no Vonage user");
        return ids;
    }

    private List<BaseUser> usersOf(String appId) {
        VonageClient asApp = VonageClient.builder().applicationId(appId).privateKeyPath(keyFile)
                .httpConfig(HttpConfig.builder().baseUri(cc.simulator.url()).build()).build();
        List<BaseUser> users = asApp.getUsersClient().listUsers();
        assertNotNull(users);
        return users;
    }
}
