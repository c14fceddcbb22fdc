package io.contactcenter.provisioning;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * {@code java -jar provisioning/target/quarkus-app/quarkus-run.jar [options]} (see {@code deploy/provision}), or
 * {@code ... quarkus-run.jar replay-dead-letters ...} ({@link DeadLetterReplay}).
 */
@QuarkusMain
public class ProvisionMain implements QuarkusApplication {

    @Override
    public int run(String... args) {
        if (args.length > 0 && args[0].equals(DeadLetterReplay.COMMAND)) {
            return new DeadLetterReplay(System.getenv(), System.out, System.err)
                    .run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        return new ProvisionCommand(System.getenv(), System.out, System.err).run(args);
    }
}
