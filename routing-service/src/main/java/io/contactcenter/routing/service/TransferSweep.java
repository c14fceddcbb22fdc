package io.contactcenter.routing.service;

import io.contactcenter.events.CallStatus;
import io.contactcenter.routing.client.VonageCalls;
import io.contactcenter.routing.client.VonageFailure;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.CallTransfer;
import io.contactcenter.routing.domain.CallTransferRepository;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.RoutedCallRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Bounds a warm transfer in progress (routing-service/README.md, "Every non-final state is bounded"): one left
 * {@code RINGING} or {@code CONSULTING} because routing stopped between its commit and the target leg's creation, or
 * because the target leg's events were lost, is settled once its {@code check_at} is due (the target's ringing timeout
 * plus {@code routing.queue.ringing-grace} after it started or was answered). Like the stale-ringing sweep: the
 * transfer is leased under its call's lock, Vonage is asked about the target leg outside any transaction, and the
 * answer is applied under the lock again ({@link CallControls#transferChecked}) if the transfer is still in the state
 * and lease it was leased in (else whatever moved it decides, and a check still due is made again). Every replica
 * runs it.
 */
@ApplicationScoped
public class TransferSweep {

    private static final Logger LOG = Logger.getLogger(TransferSweep.class);

    /** A due transfer's target leg to ask Vonage about, and the transfer's state and lease when it was leased. */
    private record LegCheck(String callId, String transferId, String legId, String regionUrl,
            CallTransfer.State state, Instant leasedUntil) {

        /**
         * Nothing moved the transfer while Vonage was asked: an event of its target leg, a cancel or a completion
         * changes its state or its check time, and Vonage's answer (read before) no longer says anything about it.
         */
        boolean stillAsLeased(CallTransfer transfer) {
            return legId.equals(transfer.targetLegId) && state == transfer.state
                    && leasedUntil.equals(transfer.checkAt);
        }
    }

    private final CallTransferRepository transfers;
    private final RoutedCallRepository calls;
    private final CallControls controls;
    private final VonageCalls vonage;
    private final RoutingConfig config;

    public TransferSweep(CallTransferRepository transfers, RoutedCallRepository calls, CallControls controls,
            VonageCalls vonage, RoutingConfig config) {
        this.transfers = transfers;
        this.calls = calls;
        this.controls = controls;
        this.vonage = vonage;
        this.config = config;
    }

    @Scheduled(identity = "routing-transfer-sweep", every = "5s", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Checking warm transfers failed; they are checked again at the next tick");
        }
    }

    /** Checks every due transfer (up to the queue's batch size); returns how many. */
    public int runOnce() {
        int checked = 0;
        while (checked < config.queue().batchSize() && checkNext()) {
            checked++;
        }
        return checked;
    }

    private boolean checkNext() {
        Optional<LegCheck> check = QuarkusTransaction.requiringNew().call(this::lease);
        if (check == null) {
            return false;
        }
        if (check.isEmpty()) {
            return true;
        }
        LegCheck leg = check.get();
        CallStatus status = null;
        boolean reachable = true;
        try {
            status = vonage.legStatus(leg.regionUrl(), leg.legId()).orElse(null);
        } catch (VonageFailure e) {
            reachable = false;
            LOG.warnf("Could not ask Vonage about target leg %s of transfer %s of call %s (%s)", leg.legId(),
                    leg.transferId(), leg.callId(), e.getMessage());
        }
        CallStatus legStatus = status;
        boolean answered = reachable;
        QuarkusTransaction.requiringNew().run(() -> {
            RoutedCall call = calls.lock(leg.callId()).orElseThrow();
            CallTransfer transfer = transfers.findById(leg.transferId());
            if (leg.stillAsLeased(transfer)) {
                controls.transferChecked(call, transfer, legStatus, answered);
            } else {
                LOG.debugf("Transfer %s of call %s moved on while Vonage was asked; its answer is not applied",
                        leg.transferId(), leg.callId());
            }
        });
        return true;
    }

    /**
     * Null: no transfer due (or another replica took it); empty: settled without asking Vonage (its target leg was
     * never stored); else its target leg, the transfer leased meanwhile.
     */
    private Optional<LegCheck> lease() {
        Instant now = Instant.now();
        CallTransfer due = transfers.nextCheckDue(now).orElse(null);
        if (due == null) {
            return null;
        }
        RoutedCall call = calls.lock(due.callId).orElseThrow();
        CallTransfer transfer = transfers.findById(due.id);
        transfers.getEntityManager().refresh(transfer);
        if (!transfer.state.inProgress() || transfer.checkAt == null || transfer.checkAt.isAfter(now)) {
            return null; // settled or leased by another replica meanwhile
        }
        if (transfer.targetLegId == null) {
            controls.transferChecked(call, transfer, null, true);
            return Optional.empty();
        }
        Instant leasedUntil = controls.checkLeased(transfer, config.queue().legCreationLease());
        return Optional.of(new LegCheck(call.callId, transfer.id, transfer.targetLegId, call.regionUrl, transfer.state,
                leasedUntil));
    }
}
