package io.contactcenter.infra;

import org.apache.kafka.common.utils.Exit;

/**
 * Keeps in-process test brokers from turning a clean JVM exit into exit code 1. At JVM exit the Kafka test kit
 * deletes its log directories from a shutdown hook while the broker still runs; the broker then finds all its log
 * directories gone and calls {@code Exit.halt(1)}, which surefire reports as a failed fork although every test
 * passed. Only a halt or exit requested while the JVM is already shutting down is ignored.
 */
public final class KafkaExitGuard {

    private static boolean installed;

    private KafkaExitGuard() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Exit.setHaltProcedure((status, message) -> {
            if (shuttingDown()) {
                System.err.println("ignored Kafka halt(" + status + ") during JVM shutdown: " + message);
                return;
            }
            Runtime.getRuntime().halt(status);
        });
        Exit.setExitProcedure((status, message) -> {
            if (shuttingDown()) {
                System.err.println("ignored Kafka exit(" + status + ") during JVM shutdown: " + message);
                return;
            }
            System.exit(status);
        });
    }

    private static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }
}
