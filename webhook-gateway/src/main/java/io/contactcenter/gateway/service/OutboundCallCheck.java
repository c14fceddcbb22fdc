package io.contactcenter.gateway.service;

import io.contactcenter.directory.client.DirectoryClient;
import io.contactcenter.directory.client.DirectoryModel.OutboundCall;
import io.contactcenter.support.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks the directory whether an in-app agent may place this call (its status, the allowed prefixes and its daily cap
 * are the directory's to judge). Fails closed: when the directory cannot answer, the call is refused. Nothing is
 * cached: the answer changes with the agent's status and count.
 */
@ApplicationScoped
public class OutboundCallCheck {

    private static final Logger LOG = Logger.getLogger(OutboundCallCheck.class);

    private final DirectoryClient directory;

    public OutboundCallCheck(DirectoryClient directory) {
        this.directory = directory;
    }

    /** The allowed call, or empty when refused or unknown. */
    public Optional<OutboundCall> allowed(String callId, String appUser, String to) {
        try {
            Optional<OutboundCall> allowed = directory.outboundCall(callId, appUser, to);
            if (allowed.isEmpty()) {
                LOG.infof("directory refused the call of app user %s to %s", appUser, PhoneNumbers.mask(to));
            }
            return allowed;
        } catch (RuntimeException e) {
            LOG.warnf("directory did not answer whether app user %s may call (%s): refused", appUser, e.toString());
            return Optional.empty();
        }
    }
}
