package com.wawindow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.wawindow.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, read as YAML (there is no Docker engine here to run {@code docker compose config}): the topic
 * init creates exactly {@link Topics#all()}, PostgreSQL and Kafka are not published on the host, no secret has a
 * value or a default in the file, each service logs in to PostgreSQL as its own role, and the services that scale
 * publish a host port range (one port per replica) instead of a fixed port.
 */
class ComposeFileTest {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?+])?([^}]*)}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|KEYS?|SECRET)(_[A-Z]+)?$");
    private static final List<String> DATABASE_SERVICES = List.of("window-tracker", "followup-sender", "ops-console");

    private final JsonNode compose = read();
    private final JsonNode services = compose.path("services");

    @Test
    void topicInitCreatesExactlyTheProjectTopics() {
        JsonNode init = services.path("kafka-topics");
        List<String> topics = Arrays.asList(init.path("environment").path("TOPICS").asText().trim().split("\\s+"));
        assertEquals(Topics.all(), topics);
        String command = init.path("command").get(0).asText();
        assertTrue(command.contains("for topic in $$TOPICS"), command);
        for (String setting : List.of("KAFKA_TOPIC_PARTITIONS", "KAFKA_TOPIC_REPLICATION_FACTOR",
                "KAFKA_TOPIC_MIN_INSYNC_REPLICAS")) {
            assertTrue(command.contains("$$" + setting), setting + " in " + command);
            assertEquals("${" + setting + ":-" + (setting.endsWith("PARTITIONS") ? "4" : "1") + "}",
                    init.path("environment").path(setting).asText(), "the provisioner's default for " + setting);
        }
    }

    @Test
    void postgresAndKafkaAreNotPublishedOnTheHost() {
        for (String name : List.of("postgres", "kafka", "kafka-topics")) {
            JsonNode service = services.path(name);
            assertFalse(service.isMissingNode(), name);
            assertTrue(service.path("ports").isMissingNode(), name + " publishes " + service.path("ports"));
            assertFalse(service.path("network_mode").asText().equals("host"), name);
        }
        String listeners = services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText();
        assertEquals("PLAINTEXT://kafka:9092", listeners, "the broker advertises only the compose network's address");
    }

    @Test
    void scaledServicesPublishPortRangesThatNeverOverlap() {
        List<int[]> ranges = new ArrayList<>();
        for (String name : List.of("ingest-service", "window-tracker", "followup-sender")) {
            JsonNode service = services.path(name);
            assertTrue(service.path("container_name").isMissingNode(), name + " has a fixed container name: cannot scale");
            assertEquals(1, service.path("ports").size(), name + " ports " + service.path("ports"));
            Matcher port = Pattern.compile("(\\d+)-(\\d+):(\\d+)").matcher(service.path("ports").get(0).asText());
            assertTrue(port.matches(), name + " publishes a fixed host port (--scale " + name + "=2 would clash): "
                    + service.path("ports"));
            int from = Integer.parseInt(port.group(1));
            int to = Integer.parseInt(port.group(2));
            assertTrue(to - from + 1 >= 2, name + " range " + from + "-" + to + " holds fewer than two replicas");
            ranges.add(new int[] {from, to});
        }
        services.path("ops-console").path("ports").forEach(p -> {
            int host = Integer.parseInt(p.asText().split(":")[0]);
            ranges.add(new int[] {host, host});
        });
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                assertTrue(ranges.get(i)[1] < ranges.get(j)[0] || ranges.get(j)[1] < ranges.get(i)[0],
                        "host port ranges overlap: " + Arrays.toString(ranges.get(i)) + " " + Arrays.toString(ranges.get(j)));
            }
        }
    }

    @Test
    void noSecretHasAValueOrADefaultInTheFile() {
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(service -> service.getValue().path("environment").fields()
                .forEachRemaining(variable -> {
                    String name = variable.getKey();
                    String value = variable.getValue().asText();
                    if (!SECRET_NAME.matcher(name).matches()) {
                        return;
                    }
                    boolean optional = name.endsWith("_SECONDARY");
                    Matcher m = INTERPOLATION.matcher(value);
                    boolean any = false;
                    StringBuilder rest = new StringBuilder();
                    int last = 0;
                    while (m.find()) {
                        any = true;
                        rest.append(value, last, m.start()).append(',');
                        last = m.end();
                        String operator = m.group(2) == null ? "" : m.group(2);
                        if (optional ? !(operator.equals(":-") && m.group(3).isEmpty()) : !operator.equals(":?")) {
                            problems.add(service.getKey() + " " + name + " = " + value
                                    + (optional ? " (an optional secret may only default to empty)" : " (needs ${VAR:?message})"));
                        }
                    }
                    rest.append(value.substring(last));
                    if (!any || !rest.toString().replace(",", "").isBlank()) {
                        problems.add(service.getKey() + " " + name + " holds a literal: " + value);
                    }
                }));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRequiredInterpolationSaysWhatToSet() {
        Matcher m = INTERPOLATION.matcher(text());
        int required = 0;
        while (m.find()) {
            if (":?".equals(m.group(2))) {
                required++;
                assertTrue(m.group(3).startsWith("set " + m.group(1)), m.group());
            }
        }
        assertTrue(required >= 8, "required variables: " + required);
        assertFalse(text().contains("local-dev-webhook-token"), "the former default webhook token");
    }

    @Test
    void eachServiceUsesItsOwnDatabaseRole() throws IOException {
        Map<String, String> userByService = new HashMap<>();
        for (String name : DATABASE_SERVICES) {
            JsonNode env = services.path(name).path("environment");
            String user = env.path("QUARKUS_DATASOURCE_USERNAME").asText();
            assertNotEquals("postgres", user, name + " logs in as the superuser");
            assertFalse(user.isBlank(), name);
            userByService.put(name, user);
            assertTrue(env.path("QUARKUS_DATASOURCE_PASSWORD").asText().startsWith("${"), name);
        }
        assertEquals(DATABASE_SERVICES.size(), Map.copyOf(userByService).values().stream().distinct().count());
        assertTrue(services.path("ingest-service").path("environment").path("QUARKUS_DATASOURCE_USERNAME").isMissingNode());

        List<String> volumes = new ArrayList<>();
        services.path("postgres").path("volumes").forEach(v -> volumes.add(v.asText()));
        assertTrue(volumes.contains("./postgres/init:/docker-entrypoint-initdb.d:ro"), volumes.toString());
        String init = Files.readString(ProjectRoot.find().resolve("postgres/init/01-service-roles.sql"));
        for (String user : userByService.values()) {
            assertTrue(init.contains("CREATE ROLE " + user + " LOGIN NOSUPERUSER"), user);
            assertTrue(init.contains("CREATE SCHEMA " + user + " AUTHORIZATION " + user), user);
        }
    }

    @Test
    void prometheusScrapesEveryServiceOnThePortItListensOn() throws IOException {
        JsonNode prometheus = services.path("prometheus");
        List<String> mounts = new ArrayList<>();
        prometheus.path("volumes").forEach(v -> mounts.add(v.asText()));
        assertTrue(mounts.contains("./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro"), mounts.toString());
        assertTrue(prometheus.path("ports").isMissingNode(), "Prometheus has no login: reachable from Grafana only");

        JsonNode config = yaml(ProjectRoot.find().resolve("ops/prometheus/prometheus.yml"));
        Map<String, String> targets = new HashMap<>();
        for (JsonNode job : config.path("scrape_configs")) {
            assertEquals("/q/metrics", job.path("metrics_path").asText(), job.path("job_name").asText());
            for (JsonNode group : job.path("static_configs")) {
                for (JsonNode target : group.path("targets")) {
                    String[] hostPort = target.asText().split(":");
                    targets.put(hostPort[0], hostPort[1]);
                }
            }
        }
        assertEquals(ExposedMetrics.BY_SERVICE.keySet(), targets.keySet(), "one target per service with metrics");
        for (Map.Entry<String, String> target : targets.entrySet()) {
            String service = target.getKey();
            assertFalse(services.path(service).isMissingNode(), service + " is a compose service");
            String properties = Files.readString(ProjectRoot.find().resolve(service + "/src/main/resources/application.properties"));
            Matcher port = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)$").matcher(properties);
            assertTrue(port.find(), service + " states its port");
            assertEquals(port.group(1), target.getValue(), service + " listens on " + port.group(1));
        }
    }

    @Test
    void grafanaIsProvisionedWithTheDatasourceAndADashboardOfMetricsTheServicesExpose() throws IOException {
        Path root = ProjectRoot.find();
        JsonNode grafana = services.path("grafana");
        List<String> mounts = new ArrayList<>();
        grafana.path("volumes").forEach(v -> mounts.add(v.asText()));
        for (String mount : mounts) {
            String source = mount.split(":")[0];
            if (source.startsWith("./")) {
                assertTrue(Files.exists(root.resolve(source.substring(2))), mount + " exists in the repository");
            }
        }
        assertTrue(mounts.contains("./ops/grafana/provisioning:/etc/grafana/provisioning:ro"), mounts.toString());
        assertTrue(mounts.contains("./ops/grafana/dashboards:/var/lib/grafana/dashboards:ro"), mounts.toString());

        JsonNode datasource = yaml(root.resolve("ops/grafana/provisioning/datasources/prometheus.yml")).path("datasources").get(0);
        assertEquals("http://prometheus:9090", datasource.path("url").asText());
        JsonNode provider = yaml(root.resolve("ops/grafana/provisioning/dashboards/wawindow.yml")).path("providers").get(0);
        assertEquals("/var/lib/grafana/dashboards", provider.path("options").path("path").asText());

        JsonNode dashboard = new ObjectMapper().readTree(root.resolve("ops/grafana/dashboards/wawindow.json").toFile());
        List<String> asked = new ArrayList<>();
        Pattern metric = Pattern.compile("([a-z_][a-z0-9_]*)\\{");
        for (JsonNode panel : dashboard.path("panels")) {
            assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
            for (JsonNode target : panel.path("targets")) {
                assertEquals(datasource.path("uid").asText(), target.path("datasource").path("uid").asText());
                Matcher m = metric.matcher(target.path("expr").asText());
                boolean any = false;
                while (m.find()) {
                    asked.add(m.group(1));
                    any = true;
                }
                assertTrue(any, "a metric in " + target.path("expr").asText());
            }
        }
        List<String> unknown = asked.stream().distinct().filter(name -> !ExposedMetrics.all().contains(name)).toList();
        assertEquals(List.of(), unknown, "the dashboard asks only for metrics the services' tests see exposed");
        assertTrue(asked.containsAll(List.of("ingest_webhooks_rejected_total", "tracker_contacts",
                "window_event_lateness_seconds_bucket", "sender_decisions_total",
                "kafka_consumer_fetch_manager_records_lag_max")), asked.toString());
    }

    private static JsonNode yaml(Path file) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    }

    private static String text() {
        try {
            return Files.readString(ProjectRoot.find().resolve("docker-compose.yml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text());
        } catch (IOException e) {
            throw new IllegalStateException("docker-compose.yml is not valid YAML: " + e.getMessage(), e);
        }
    }
}
