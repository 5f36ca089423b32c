package io.neuralscribe.server;

import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.WriteCallback;

/**
 * One WebSocket client. Sends are asynchronous so that a slow client never holds up inference or
 * training; a client that floods predictions gets only its newest one run while one is in flight.
 */
final class Connection {
    private final WsContext context;
    private boolean predicting;
    private Inbound.Predict waiting;

    Connection(WsContext context) {
        this.context = context;
    }

    String id() {
        return context.sessionId();
    }

    void send(Object message) {
        sendText(Json.write(message));
    }

    /** Sends JSON already written: a broadcast writes its message once for every client. */
    void sendText(String json) {
        if (context.session.isOpen()) {
            context.session.getRemote().sendString(json, WriteCallback.NOOP);
        }
    }

    /**
     * @return true when the caller should run this prediction now; false when it waits (replacing,
     *     and returning through {@link #superseded}, any older waiting one)
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
