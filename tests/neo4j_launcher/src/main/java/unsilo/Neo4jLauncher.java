package unsilo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * Starts an in-process Neo4j (community) with Bolt on 127.0.0.1 and HTTP off, prints
 * {@code NEO4J_READY bolt://127.0.0.1:PORT} on stdout, and runs until stdin closes or SIGTERM.
 *
 * <p>Arguments: {@code [--port N] [--data-dir DIR] [--password PW] [--plugins-dir DIR]}. Port 0 (default) picks a
 * free port. Without --data-dir a temp dir is used and deleted on exit; a given dir is kept, so
 * a later launch with the same dir and port sees the same data. Without --password auth is off;
 * with it, auth is on and user {@code neo4j} gets that password. With --plugins-dir, Neo4j
 * loads the procedures of the jars there (Graph Data Science, whose jars are also on the
 * classpath for its extensions) and lets {@code gds.*} run unrestricted.
 */
public final class Neo4jLauncher {
    private static Neo4j neo4j;
    private static Path ownedDir;

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            // Neo4j's non-daemon threads would keep the JVM alive after a failed start.
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int port = 0;
        Path dataDir = null;
        String password = null;
        Path pluginsDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
                case "--password" -> password = args[++i];
                case "--plugins-dir" -> pluginsDir = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (dataDir == null) {
            dataDir = ownedDir = Files.createTempDirectory("unsilo-neo4j-");
        }
        Files.createDirectories(dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jLauncher::shutdown, "neo4j-launcher-shutdown"));

        // The harness keeps its logs in a random 32-hex folder under the working dir and deletes
        // that folder on close; pointing neo4j_home at a fixed "home" beside it makes the store
        // (home/data) outlive a restart.
        var builder = Neo4jBuilders.newInProcessBuilder(dataDir)
                .withDisabledServer() // no HTTP/HTTPS connectors
                .withConfig(GraphDatabaseSettings.neo4j_home, dataDir.resolve("home"))
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                // Advertised (routing table, neo4j:// URIs) as 127.0.0.1, not "localhost", which may be ::1.
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .withConfig(GraphDatabaseSettings.auth_enabled, password != null)
                // Netty's 5 s default quiet period, waited twice, makes every stop take 10 s.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        if (pluginsDir != null) {
            // GDS reads the graph through kernel internals, which Neo4j allows only to
            // procedures named unrestricted.
            builder = builder.withConfig(GraphDatabaseSettings.plugin_dir, pluginsDir)
                    .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"));
        }
        neo4j = builder.build();
        if (password != null) {
            // Set once per data dir: Neo4j refuses to "change" a password to the same value, so a
            // restart over the same data keeps the password of the first start.
            var system = neo4j.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            boolean unset = system.executeTransactionally(
                    "SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j'"
                            + " RETURN passwordChangeRequired",
                    Map.of(),
                    result -> (Boolean) result.next().get("passwordChangeRequired"));
            if (unset) {
                system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            }
        }
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + neo4j.boltURI().getPort());
        System.out.flush();

        InputStream in = System.in;
        byte[] buf = new byte[256];
        while (in.read(buf) >= 0) {
            // Discard input; end of stream is the signal to stop.
        }
        shutdown();
    }

    private static synchronized void shutdown() {
        if (neo4j != null) {
            try {
                neo4j.close();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
            neo4j = null;
        }
        if (ownedDir != null) {
            deleteRecursively(ownedDir);
            ownedDir = null;
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            e.printStackTrace();
        }
    }
}
