package io.neuralscribe.server;

/** A request we refuse, with a stable code for programs and a message for people. */
public class ProtocolException extends Exception {
    private final String code;
    private final int httpStatus;
    private String requestType;
    private Object requestId;

    public ProtocolException(String code, String message) {
        this(code, message, 400);
    }

    public ProtocolException(String code, String message, int httpStatus) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** Notes which request this answers, when the message was readable that far. */
    public ProtocolException about(String type, Object id) {
        requestType = type;
        requestId = id;
        return this;
    }

    public String requestType() {
        return requestType;
    }

    public Object requestId() {
        return requestId;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
