package com.wawindow.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The checkout's top directory, found from the working directory (a module directory under Maven). */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("wawindow.root", System.getenv("WAWINDOW_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return search(Path.of("").toAbsolutePath())
                .orElseThrow(() -> new IllegalStateException("cannot find the project root (a directory with "
                        + "kafka-broker/pom.xml) above " + Path.of("").toAbsolutePath()
                        + "; set WAWINDOW_ROOT"));
    }

    private static Optional<Path> search(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("kafka-broker/pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
