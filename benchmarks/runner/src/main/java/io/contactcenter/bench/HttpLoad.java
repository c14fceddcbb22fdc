package io.contactcenter.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * An HTTP/1.1 load generator on one Vert.x event loop (the load generator's only I/O thread), keep-alive
 * connections. Closed loop: {@code connections} requests in flight, each answered one followed at once by the
 * next. Open loop: requests started at fixed intervals whatever happens to earlier ones; latency is measured
 * from each request's <em>intended</em> start time, so a stall counts for every request it delayed
 * (coordinated-omission correction).
 */
public final class HttpLoad implements AutoCloseable {

    /** One request: path with query, and the Authorization header (or null). */
    public record Call(String uri, String authorization) {
    }

    /** What one measured point gives. */
    public record Result(double seconds, long ok, long errors, double throughput, Latency latency) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final String host;
    private final int port;

    public HttpLoad(String host, int port, int maxConnections) {
        this.host = host;
        this.port = port;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setBlockedThreadCheckInterval(60_000));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(maxConnections)
                .setMaxWaitQueueSize(-1).setConnectTimeout(5_000).setTcpNoDelay(true));
    }

    /** {@code connections} requests in flight for {@code duration}; the warm-up's answers are not counted. */
    public Result closedLoop(int connections, Duration warmUp, Duration duration, Supplier<Call> calls) {
        Histogram histogram = Latency.histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + duration.toNanos();
        CountDownLatch done = new CountDownLatch(connections);
        vertx.runOnContext(v -> {
            for (int i = 0; i < connections; i++) {
                next(calls, histogram, ok, errors, measureFrom, end, done);
            }
        });
        await(done, end);
        double seconds = duration.toNanos() / 1e9;
        return new Result(seconds, ok.get(), errors.get(), ok.get() / seconds, Latency.of(histogram));
    }

    private void next(Supplier<Call> calls, Histogram histogram, AtomicLong ok, AtomicLong errors, long measureFrom,
            long end, CountDownLatch done) {
        long sent = System.nanoTime();
        if (sent >= end) {
            done.countDown();
            return;
        }
        send(calls.get(), sent, (status, finished) -> {
            if (sent >= measureFrom && finished <= end) {
                if (status == 200) {
                    ok.incrementAndGet();
                    histogram.recordValue(finished - sent);
                } else {
                    errors.incrementAndGet();
                }
            }
            next(calls, histogram, ok, errors, measureFrom, end, done);
        });
    }

    /**
     * {@code rate} requests per second for warm-up plus {@code duration}; only requests intended after the warm-up
     * are counted, and each one's latency runs from its intended start.
     */
    public Result openLoop(double rate, Duration warmUp, Duration duration, Supplier<Call> calls) {
        Histogram histogram = Latency.histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + duration.toNanos();
        for (long i = 0; ; i++) {
            long intended = start + i * interval;
            if (intended >= end) {
                break;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Call call = calls.get();
            boolean measured = intended >= measureFrom;
            inFlight.incrementAndGet();
            vertx.runOnContext(v -> send(call, intended, (status, finished) -> {
                if (measured) {
                    if (status == 200) {
                        ok.incrementAndGet();
                        histogram.recordValue(finished - intended);
                    } else {
                        errors.incrementAndGet();
                    }
                }
                inFlight.decrementAndGet();
            }));
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
            Proc.sleep(5);
        }
        // whatever is still in flight is read on the event loop: copy there
        Histogram copy = Latency.histogram();
        CountDownLatch copied = new CountDownLatch(1);
        vertx.runOnContext(v -> {
            copy.add(histogram);
            copied.countDown();
        });
        await(copied, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        long lost = inFlight.get();
        double seconds = duration.toNanos() / 1e9;
        return new Result(seconds, ok.get(), errors.get() + lost, ok.get() / seconds, Latency.of(copy));
    }

    private interface Done {
        void done(int status, long finishedNanos);
    }

    private void send(Call call, long startNanos, Done done) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
                .setURI(call.uri()).setTimeout(10_000);
        if (call.authorization() != null) {
            options.putHeader("Authorization", call.authorization());
        }
        client.request(options)
                .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode())))
                .onComplete(result -> done.done(result.succeeded() ? result.result() : -1, System.nanoTime()));
    }

    private static void await(CountDownLatch latch, long untilNanos) {
        try {
            latch.await(Math.max(0, untilNanos - System.nanoTime()) + TimeUnit.SECONDS.toNanos(15), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }
}
