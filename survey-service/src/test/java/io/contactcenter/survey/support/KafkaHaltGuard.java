package io.contactcenter.survey.support;

import org.apache.kafka.common.utils.Exit;

/**
 * Keeps the in-process test broker from failing the test JVM at exit. When the JVM ends, the Kafka test kit
 * deletes the broker's storage while the broker still runs; the broker then sees its log directory fail and calls
 * {@code Exit.halt(1)}, so the JVM ends with status 1 after every test passed (surefire: "Error occurred in
 * starting fork"). During shutdown such a halt is reported and ignored; at any other time it halts as usual.
 */
final class KafkaHaltGuard {

    private static volatile boolean installed;
    private static volatile boolean shuttingDown;

    private KafkaHaltGuard() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shuttingDown = true, "kafka-halt-guard"));
        Exit.setHaltProcedure((status, message) -> {
            if (shuttingDown) {
                System.err.println("[kafka-halt-guard] ignored broker halt(" + status + ") during JVM shutdown: " + message);
                return;
            }
            Runtime.getRuntime().halt(status);
        });
    }
}
