package io.neuralscribe.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP and WebSocket written by hand, for what java.net.http will not send: any Host header, a
 * chunked body the server should stop reading, a WebSocket client that never reads.
 */
final class RawClient implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) WsClient.WAIT_SECONDS * 1000);
        out = socket.getOutputStream();
        in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    /** A request with no body; returns the status code and the body. */
    static Response request(int port, String method, String path, String host, String... headers) throws IOException {
        try (RawClient client = new RawClient(port)) {
            client.head(method, path, host, headers).append("Content-Length: 0\r\n\r\n");
            client.write(client.pending.toString());
            return client.response();
        }
    }

    private StringBuilder pending = new StringBuilder();

    StringBuilder head(String method, String path, String host, String... headers) {
        pending = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n").append("Connection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            pending.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return pending;
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Sends {@code method path} with a chunked body of {@code chunks} × {@code chunkBytes} from
     * another thread (the server may stop reading it), and returns the answer.
     */
    static Response chunked(int port, String path, String host, int chunks, int chunkBytes, String... headers)
            throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.head("POST", path, host, headers).append("Content-Type: application/json\r\n")
                    .append("Transfer-Encoding: chunked\r\n\r\n");
            client.write(client.pending.toString());
            byte[] chunk = new byte[chunkBytes];
            java.util.Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '[';
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < chunks; i++) {
                        client.write(Integer.toHexString(chunkBytes) + "\r\n");
                        client.out.write(chunk);
                        client.write("\r\n");
                    }
                    client.write("0\r\n\r\n");
                } catch (IOException expected) {
                    // The server stopped reading and closed: that is the point.
                }
            });
            writer.setDaemon(true);
            writer.start();
            return client.response();
        }
    }

    /** Reads a status line, headers and a Content-Length body (or up to the end). */
    Response response() throws IOException {
        String status = line();
        int length = -1;
        for (String header; !(header = line()).isEmpty(); ) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        byte[] body = length >= 0 ? new DataInputStream(in).readNBytes(length) : in.readAllBytes();
        return new Response(Integer.parseInt(status.split(" ")[1]), new String(body, StandardCharsets.UTF_8));
    }

    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    record Response(int status, String body) {}

    // ---- WebSocket -----------------------------------------------------------------------------

    /** Opens a WebSocket on this socket; true when the server switched protocols. */
    boolean upgrade(String host) throws IOException {
        write("GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        boolean switched = line().contains(" 101 ");
        while (!line().isEmpty()) {
            // headers
        }
        return switched;
    }

    /** A masked text frame, as a client must send it. */
    static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        // Mask 0: the payload goes as it is.
        System.arraycopy(payload, 0, frame, 6, payload.length);
        return frame;
    }

    /** A frame from the server: opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }

        String text() {
            return new String(payload, Math.min(payload.length, opcode == 8 ? 2 : 0),
                    Math.max(0, payload.length - (opcode == 8 ? 2 : 0)), StandardCharsets.UTF_8);
        }
    }

    /** The next frame, or {@code null} at the end of the stream. */
    Frame frame() throws IOException {
        int first = in.read();
        if (first == -1) {
            return null;
        }
        DataInputStream data = new DataInputStream(in);
        int second = data.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        return new Frame(first & 0x0F, data.readNBytes((int) length));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
