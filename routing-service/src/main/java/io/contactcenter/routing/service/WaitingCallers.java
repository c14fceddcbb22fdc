package io.contactcenter.routing.service;

import io.contactcenter.directory.client.DirectoryClient;
import io.contactcenter.directory.client.DirectoryModel;
import io.contactcenter.routing.client.VonageCalls;
import io.contactcenter.routing.client.VonageFailure;
import io.contactcenter.routing.config.RoutingConfig;
import io.contactcenter.routing.domain.RoutedCall;
import io.contactcenter.routing.domain.WaitingCallRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * What waiting callers hear besides the music, by their department's settings (read from the directory, cached
 * {@code directory.department-cache-ttl}; a department the directory cannot tell about now is skipped until the next
 * pass), for every waiting call, also those behind the queue head whose settings routing never loaded:
 * <ul>
 * <li>every {@code announcementIntervalSeconds}, their place in line and expected wait: {@code PUT
 * /v1/calls/{callId}/talk} into the caller's leg (in the call's region), heard over the hold music;</li>
 * <li>once, after {@code callbackOfferSeconds}, the callback offer: their leg is transferred to the offer NCCO, whose
 * input goes to the gateway's callback dialogue (which puts them back into the conversation unless they take it).</li>
 * </ul>
 * The call is locked, what to say is read and the step recorded in one transaction ({@link WaitingCallerTransitions},
 * {@link CallbackTransitions#offered}); the Voice API request is made after the commit, and not repeated when it
 * fails: the next announcement follows anyway, and an offer that did not reach the caller leaves them waiting.
 */
@ApplicationScoped
public class WaitingCallers {

    private static final Logger LOG = Logger.getLogger(WaitingCallers.class);
    /** A directory that does not send a setting (an older one) switches its feature off. */
    private static final int OFF = 0;

    private final WaitingCallRepository waiting;
    private final WaitingCallerTransitions transitions;
    private final CallbackTransitions callbacks;
    private final VonageCalls vonage;
    private final DirectoryClient directory;
    private final RoutingConfig.Announcement config;
    private final int defaultRetries;
    private final MeterRegistry metrics;

    public WaitingCallers(WaitingCallRepository waiting, WaitingCallerTransitions transitions,
            CallbackTransitions callbacks, VonageCalls vonage, DirectoryClient directory, RoutingConfig config,
            MeterRegistry metrics) {
        this.waiting = waiting;
        this.transitions = transitions;
        this.callbacks = callbacks;
        this.vonage = vonage;
        this.directory = directory;
        this.config = config.announcement();
        this.defaultRetries = config.callback().defaultRetries();
        this.metrics = metrics;
    }

    /** A Voice API request to make for a waiting call after the commit. */
    private record Notice(String callId, String kind, VoiceRequest request) {
    }

    private interface VoiceRequest {
        void send();
    }

    /** Makes due announcements and callback offers, at most {@code budget}; returns how many. */
    public int serveDue(int budget) {
        int made = 0;
        for (String departmentId : QuarkusTransaction.requiringNew().call(waiting::departmentsWithWaitingCallers)) {
            DirectoryModel.Department department = settings(departmentId);
            if (department == null) {
                continue;
            }
            int interval = Objects.requireNonNullElse(department.announcementIntervalSeconds(), OFF);
            while (interval > 0 && made < budget && notify(() -> announcement(departmentId, interval))) {
                made++;
            }
            int offerAfter = Objects.requireNonNullElse(department.callbackOfferSeconds(), OFF);
            int retries = Objects.requireNonNullElse(department.callbackRetries(), defaultRetries);
            while (offerAfter > 0 && made < budget && notify(() -> callbackOffer(departmentId, offerAfter, retries))) {
                made++;
            }
        }
        return made;
    }

    private DirectoryModel.Department settings(String departmentId) {
        try {
            return directory.department(departmentId);
        } catch (RuntimeException e) { // the directory's translated failures and fault tolerance's own
            LOG.debugf("No settings for department %s now (%s)", departmentId, e.getMessage());
            return null;
        }
    }

    /** Locks and records one due notice in a transaction, then makes its request; false when none was due. */
    private boolean notify(Callable<Optional<Notice>> next) {
        Optional<Notice> due = QuarkusTransaction.requiringNew().call(next);
        if (due.isEmpty()) {
            return false;
        }
        Notice notice = due.get();
        try {
            notice.request().send();
            metrics.counter("routing.waiting.notices", "kind", notice.kind(), "result", "sent").increment();
        } catch (VonageFailure e) {
            metrics.counter("routing.waiting.notices", "kind", notice.kind(), "result", "failed").increment();
            LOG.infof("%s for call %s failed (%s)", notice.kind(), notice.callId(), e.getMessage());
        }
        return true;
    }

    private Optional<Notice> announcement(String departmentId, int interval) {
        return waiting.lockDueAnnouncement(departmentId, interval, Instant.now()).map(call -> {
            int place = waiting.placeInLine(call);
            Instant since = Instant.now().minus(config.estimateWindow());
            Duration wait = ExpectedWait.estimate(place, waiting.recentHandleTimes(departmentId, since),
                    waiting.staffedAgents(departmentId, since), config.defaultHandleTime());
            transitions.announced(call, interval);
            String text = text(config, place, wait);
            String regionUrl = call.regionUrl;
            String callId = call.callId;
            return new Notice(callId, "announcement", () -> vonage.say(regionUrl, callId, text));
        });
    }

    private Optional<Notice> callbackOffer(String departmentId, int offerAfter, int retries) {
        return waiting.lockDueCallbackOffer(departmentId, offerAfter, Instant.now()).map(call -> {
            callbacks.offered(call, retries);
            String regionUrl = call.regionUrl;
            String callId = call.callId;
            return new Notice(callId, "callback_offer", () -> vonage.offerCallback(regionUrl, callId, departmentId));
        });
    }

    /** "You are next." at place 1, else the place and the expected wait in minutes. */
    static String text(RoutingConfig.Announcement config, int place, Duration wait) {
        return place <= 1 ? config.nextText()
                : config.placeText().replace("{place}", Integer.toString(place))
                        .replace("{wait}", ExpectedWait.spoken(wait));
    }
}
