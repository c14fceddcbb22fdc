package io.contactcenter.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.contactcenter.provisioning.ProvisioningEnvironment.Run;

/**
 * The packaged command ({@code quarkus-run.jar}, what {@code deploy/provision} runs) as its own process, configured
 * only through its environment: exit codes, the SDK's HTTP stack on the Quarkus class path, output, the key file.
 */
class ProvisionJarIT {

    @TempDir
    Path dir;

    @Test
    void thePackagedCommandProvisionsAndReportsThroughItsExitCode() throws Exception {
        ProvisioningEnvironment cc = ProvisioningEnvironment.shared();
        cc.account.reset();
        Map<String, String> env = cc.env();
        env.put("PROVISION_DATA_DIR", dir.resolve("data").toString());

        Run done = jar(env, "--api-base-url", cc.simulator.url(), "--name", "jar-test", "--country", "DE");
        assertEquals(0, done.exitCode(), done.all());
        assertTrue(done.out().contains("application ") && done.out().contains(": created"), done.out());
        assertTrue(done.out().contains("VONAGE_NUMBER=49"), done.out());
        assertFalse(done.all().contains(ProvisioningEnvironment.API_SECRET));
        assertFalse(done.all().contains("ERROR"), "no framework or SDK log noise: " + done.all());
        Path key = dir.resolve("data/jar-test.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(1, cc.account.account().get("applications").size());

        Run usage = jar(Map.of("PATH", System.getenv("PATH")), "--name", "x");
        assertEquals(2, usage.exitCode(), usage.all());
        assertEquals("provision: VONAGE_API_KEY is required (set it in the environment)", usage.err().strip());

        cc.account.failNext("GET", "/account/numbers", 500, 1);
        Run failed = jar(env, "--api-base-url", cc.simulator.url(), "--name", "jar-test", "--country", "DE");
        assertEquals(1, failed.exitCode(), failed.all());
        assertTrue(failed.err().strip().startsWith("provision: step 3/5 (number) failed"), failed.err());
        assertEquals(1, failed.err().strip().lines().count(), failed.err());
    }

    private static Run jar(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = Files.createTempFile("provision", ".out");
        Path err = Files.createTempFile("provision", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not finish within 120 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        System.out.println("---- java -jar quarkus-run.jar " + String.join(" ", args) + " → " + run.exitCode() + "\n" + run.all());
        return run;
    }
}
