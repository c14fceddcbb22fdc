package io.contactcenter.provisioning;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** {@code java -jar provisioning/target/quarkus-app/quarkus-run.jar [options]} (see {@code deploy/provision}). */
@QuarkusMain
public class ProvisionMain implements QuarkusApplication {

    @Override
    public int run(String... args) {
        return new ProvisionCommand(System.getenv(), System.out, System.err).run(args);
    }
}
