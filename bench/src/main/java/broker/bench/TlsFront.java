package broker.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * TLS in front of the local broker (which speaks plain HTTP): accepts TLS on loopback with a self-signed
 * certificate made by {@code keytool} and relays the bytes. The client trusts it through a trust store passed in
 * {@code BEDROCK_BROKER_JAVA_OPTS}, as a user behind a TLS-inspecting proxy would.
 */
public final class TlsFront implements AutoCloseable {
    public static final String PASSWORD = "changeit";

    private final SSLServerSocket server;
    private final Path trustStore;

    private TlsFront(SSLServerSocket server, Path trustStore) {
        this.server = server;
        this.trustStore = trustStore;
    }

    /** RSA 2048, as API Gateway's certificates. */
    public static TlsFront start(Path dir, int backendPort) throws Exception {
        Path keyStore = dir.resolve("broker-tls.p12");
        Path cert = dir.resolve("broker-tls.pem");
        Path trustStore = dir.resolve("trust.p12");
        String keytool = Procs.javaHome().resolve("bin").resolve("keytool").toString();
        var env = java.util.Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        java.nio.file.Files.deleteIfExists(keyStore);
        java.nio.file.Files.deleteIfExists(trustStore);
        Procs.run(List.of(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "7",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD),
                env, dir).requireSuccess("keytool -genkeypair");
        Procs.run(List.of(keytool, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", cert.toString()), env, dir).requireSuccess("keytool -exportcert");
        Procs.run(List.of(keytool, "-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD), env, dir)
                .requireSuccess("keytool -importcert");

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        var server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var front = new TlsFront(server, trustStore);
        // Only the relay needs the backend's port.
        Thread accept = new Thread(() -> front.relay(backendPort), "tls-front");
        accept.setDaemon(true);
        accept.start();
        return front;
    }

    public int port() {
        return server.getLocalPort();
    }

    public Path trustStore() {
        return trustStore;
    }

    private void relay(int backendPort) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                pump(client, backend);
                pump(backend, client);
            } catch (IOException e) {
                // a failed handshake or a closed server: next
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "tls-front-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
