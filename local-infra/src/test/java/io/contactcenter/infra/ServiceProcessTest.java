package io.contactcenter.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM a service is started in really maps the class-data archive written next to its jar; ports picked before
 * anything binds them are all different.
 */
class ServiceProcessTest {

    @Test
    void portsPickedBeforeAnythingBindsThemAreAllDifferent() {
        // the system offers a just-closed port again at random: among this many, some would repeat
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            assertTrue(ports.add(ServiceProcess.freePort()), "handed out twice: " + ports.size());
        }
    }

    @Test
    void aJvmGivenARangeOfPortsPicksThereAndSkipsPortsInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(29_001)) {
            System.setProperty("free-ports", "29000-29004");
            List<Integer> picked = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                picked.add(ServiceProcess.freePort());
            }
            assertEquals(List.of(29_000, 29_002, 29_003, 29_004), picked);
        } finally {
            System.clearProperty("free-ports");
        }
    }

    @Test
    void theArchiveNextToTheJarIsUsed(@TempDir Path app) throws Exception {
        Path jar = jarOf(app, ArchivedMain.class);
        // record the archive as Quarkus' build does: in the jar's directory, with the jar named relative to it
        Process recording = new ProcessBuilder(java(), "-XX:ArchiveClassesAtExit=app-cds.jsa", "-jar", "quarkus-run.jar")
                .directory(app.toFile()).redirectErrorStream(true).start();
        assertEquals(0, exit(recording), output(recording));
        assertTrue(Files.isRegularFile(app.resolve("app-cds.jsa")));

        // -Xshare:on makes the JVM fail when the archive cannot be used (a class path it does not match, say)
        Process started = ServiceProcess.javaProcess(jar, List.of("-Xshare:on")).redirectErrorStream(true).start();
        int exit = exit(started);
        String output = output(started);
        assertEquals(0, exit, output);
        assertTrue(output.contains("ran"), output);
    }

    @Test
    void optionsNamingTheirOwnArchiveReplaceTheBuildOne(@TempDir Path app) throws IOException {
        Path jar = jarOf(app, ArchivedMain.class);
        Files.writeString(app.resolve("app-cds.jsa"), "not used");
        List<String> command = ServiceProcess.javaProcess(jar, List.of("-XX:SharedArchiveFile=/elsewhere.jsa")).command();
        assertFalse(command.contains("-XX:SharedArchiveFile=app-cds.jsa"), command.toString());
        assertTrue(ServiceProcess.javaProcess(jar, List.of()).command().contains("-XX:SharedArchiveFile=app-cds.jsa"));
    }

    /** The main class of the test jar. */
    public static final class ArchivedMain {
        public static void main(String[] args) {
            System.out.println("ran");
        }
    }

    private static Path jarOf(Path folder, Class<?> main) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        Path jar = folder.resolve("quarkus-run.jar");
        String entry = main.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = main.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int exit(Process process) throws InterruptedException {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not end");
        return process.exitValue();
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
