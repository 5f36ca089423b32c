package io.neuralscribe.server;

import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket client. Sends are asynchronous so that a slow client never holds up inference or
 * training; a client that floods predictions gets only its newest one run while one is in flight.
 *
 * <p>What Jetty has not yet written to the socket is counted here, because Jetty's own queue has
 * no bound: a client that never reads would otherwise pile up replies until the heap is gone. Past
 * {@link #PREDICTION_BACKLOG_BYTES} a new prediction is held instead of queued, replacing any held
 * one (only the newest reading of a drawing matters), and sent once the backlog drains. Past
 * {@link #MAX_BACKLOG_BYTES} the client is closed with {@link #CLOSE_NOT_READING}.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** Beyond this backlog a new prediction replaces the held one instead of joining the queue. */
    static final long PREDICTION_BACKLOG_BYTES = 256 * 1024;
    /** Beyond this backlog the client is not reading: it is closed. */
    static final long MAX_BACKLOG_BYTES = 4L * 1024 * 1024;
    /** Policy violation: the standard code for "you broke the rules", with the reason in words. */
    static final int CLOSE_NOT_READING = StatusCode.POLICY_VIOLATION;
    /** How long a closed client that does not answer the close may hold its connection. */
    private static final long DISCONNECT_AFTER_SECONDS = 10;
    private static final ScheduledExecutorService DISCONNECTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "websocket-disconnects");
        thread.setDaemon(true);
        return thread;
    });

    private static final java.util.concurrent.atomic.AtomicInteger CLOSED_NOT_READING =
            new java.util.concurrent.atomic.AtomicInteger();

    private final WsContext context;
    private long backlogBytes;
    private boolean closing;
    private String heldPrediction;
    private boolean predicting;
    private Inbound.Predict waiting;

    Connection(WsContext context) {
        this.context = context;
    }

    void send(Object message) {
        sendText(Json.write(message));
    }

    /** Sends JSON already written: a broadcast writes its message once for every client. */
    void sendText(String json) {
        enqueue(json);
    }

    /** Sends a prediction, or holds it (dropping an older held one) while the client is behind. */
    void sendPrediction(Object message) {
        String json = Json.write(message);
        synchronized (this) {
            if (backlogBytes > PREDICTION_BACKLOG_BYTES) {
                heldPrediction = json;
                return;
            }
        }
        enqueue(json);
    }

    /** Bytes queued for this client and not yet written to its socket. */
    synchronized long backlogBytes() {
        return backlogBytes;
    }

    private void enqueue(String json) {
        // JSON from Json.write is ASCII but for labels and messages: characters count bytes closely enough.
        long bytes = json.length();
        long backlog;
        synchronized (this) {
            if (closing || !context.session.isOpen()) {
                return;
            }
            backlog = backlogBytes + bytes;
            if (backlog > MAX_BACKLOG_BYTES) {
                closing = true;
                heldPrediction = null;
            } else {
                backlogBytes = backlog;
            }
        }
        if (backlog > MAX_BACKLOG_BYTES) {
            closeNotReading(backlog);
            return;
        }
        context.session.getRemote().sendString(json, new WriteCallback() {
            @Override
            public void writeFailed(Throwable x) {
                written(bytes);
            }

            @Override
            public void writeSuccess() {
                written(bytes);
            }
        });
    }

    private void written(long bytes) {
        String held = null;
        synchronized (this) {
            backlogBytes -= bytes;
            if (backlogBytes <= PREDICTION_BACKLOG_BYTES / 2 && heldPrediction != null) {
                held = heldPrediction;
                heldPrediction = null;
            }
        }
        if (held != null) {
            enqueue(held);
        }
    }

    /** How many clients this process has closed for not reading (a figure for tests and logs). */
    static int closedNotReading() {
        return CLOSED_NOT_READING.get();
    }

    private void closeNotReading(long backlog) {
        CLOSED_NOT_READING.incrementAndGet();
        LOG.warn("Closing WebSocket client {}: it does not read its replies ({} bytes waiting)",
                context.session.getRemoteAddress(), backlog);
        context.session.close(CLOSE_NOT_READING, "not reading: more than " + MAX_BACKLOG_BYTES
                + " bytes of replies are waiting");
        // The close frame waits behind the unread replies; a client that never reads never answers it.
        DISCONNECTS.schedule(() -> {
            try {
                context.session.disconnect();
            } catch (RuntimeException ignored) {
                // Already gone.
            }
        }, DISCONNECT_AFTER_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * @return true when the caller should run this prediction now; false when it waits (replacing,
     *     and returning through {@code superseded}, any older waiting one)
     */
    synchronized boolean beginPrediction(Inbound.Predict request, java.util.function.Consumer<Inbound.Predict> superseded) {
        if (!predicting) {
            predicting = true;
            return true;
        }
        if (waiting != null) {
            superseded.accept(waiting);
        }
        waiting = request;
        return false;
    }

    /** @return the prediction that waited meanwhile, to run next, or {@code null} */
    synchronized Inbound.Predict endPrediction() {
        Inbound.Predict next = waiting;
        waiting = null;
        predicting = next != null;
        return next;
    }
}
