package com.wawindow.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker's classpath, as module {@code kafka-broker} wrote it at build time. When a module is
 * built alone and the file is missing, it runs that module's build to write it.
 */
final class BrokerClasspath {

    private BrokerClasspath() {
    }

    static String resolve() throws IOException {
        Path root = ProjectRoot.find();
        Path file = root.resolve("kafka-broker/target/kafka-broker.classpath");
        if (!Files.isRegularFile(file)) {
            build(root, file);
        }
        String classpath = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (classpath.isEmpty() || !classpath.contains("kafka_2.13")) {
            throw new IllegalStateException(file + " does not list the Kafka broker jars; run ./mvnw -pl kafka-broker generate-resources");
        }
        return classpath;
    }

    private static void build(Path root, Path file) throws IOException {
        Path log = Files.createTempFile("kafka-broker-classpath", ".log");
        Process p = new ProcessBuilder(List.of(root.resolve("mvnw").toString(), "-q", "-pl", "kafka-broker", "generate-resources"))
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isRegularFile(file)) {
                p.destroyForcibly();
                throw new IllegalStateException("could not resolve the Kafka broker's jars; Maven said:\n"
                        + KafkaBrokerProcess.tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
