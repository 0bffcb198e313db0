package com.wawindow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: one random base64url cluster id in 64 starts with {@code -}, and the storage tool took such an id,
 * passed as an argument of its own, for an option. The broker's storage is formatted here by the real tool, the
 * way {@link KafkaBrokerProcess} runs it, with ids that start with {@code -}.
 */
class ClusterIdTest {

    @TempDir
    Path dir;

    @Test
    void storageFormatsWithClusterIdsThatStartWithADash() throws Exception {
        String classpath = BrokerClasspath.resolve();
        // "-" then "--": the second one is also what an option's long name looks like
        for (String clusterId : new String[] {dashed(0), dashed(1)}) {
            Path data = dir.resolve("kafka-" + clusterId);
            KafkaBrokerProcess.writeConfig(data, FreePorts.find());

            KafkaBrokerProcess.formatStorage(data, classpath, clusterId);

            assertEquals(clusterId, metaProperties(data).getProperty("cluster.id"));
        }
    }

    @Test
    void newClusterIdsNeverStartWithADash() {
        // 20,000 draws: a plain random id would start with "-" about 300 times
        IntStream.range(0, 20_000).mapToObj(i -> KafkaBrokerProcess.newClusterId()).forEach(id -> {
            assertFalse(id.startsWith("-"), id);
            assertEquals(id, Uuid.fromString(id).toString());
        });
    }

    /** A valid cluster id (16 bytes, base64url) whose text starts with "-", or with "--" when {@code n} is 1. */
    private static String dashed(int n) {
        String id;
        do {
            id = Uuid.randomUuid().toString().substring(n + 1);
            id = (n == 0 ? "-" : "--") + id;
        } while (!isValid(id));
        return id;
    }

    private static boolean isValid(String id) {
        try {
            return Uuid.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Properties metaProperties(Path data) throws IOException {
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(data.resolve(KafkaBrokerProcess.LOG_DIRS).resolve("meta.properties"))) {
            meta.load(in);
        }
        return meta;
    }
}
