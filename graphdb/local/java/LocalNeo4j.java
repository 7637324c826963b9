import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs Neo4j Community embedded, with the Bolt connector, for `papers-graph db start`.
 *
 * Usage: LocalNeo4j HOME_DIR CONF_FILE READY_FILE
 *
 * All Neo4j settings come from CONF_FILE (written by the Python side), so this
 * file stays a thin shell around the DBMS lifecycle. Once Bolt accepts
 * connections the bound address is written to READY_FILE ("host:port"), which
 * is how the caller learns the real port when it asked for port 0.
 * SIGTERM / SIGINT run the shutdown hook, which shuts the DBMS down cleanly.
 */
public final class LocalNeo4j {
    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalNeo4j HOME_DIR CONF_FILE READY_FILE");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        Path conf = Path.of(args[1]);
        Path readyFile = Path.of(args[2]);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(conf)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("papers-graph local Neo4j: shutting down");
            try {
                dbms.shutdown();
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database("system");
        ConnectorPortRegister ports =
                system.getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
        HostnamePort bolt = ports.getLocalAddress(ConnectorType.BOLT);
        if (bolt == null) {
            System.err.println("papers-graph local Neo4j: the Bolt connector did not start");
            System.exit(3);
        }

        // Write atomically so a reader never sees a half-written address.
        Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
        Files.writeString(tmp, bolt.getHost() + ":" + bolt.getPort() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("papers-graph local Neo4j: Bolt listening on " + bolt);

        stopped.await();
    }
}
