package com.wawindow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.Topics;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The no-Docker path itself: a real broker process and a real embedded PostgreSQL. */
class LocalInfrastructureTest {

    @TempDir
    Path dir;

    @Test
    void brokerProcessAcknowledgesAndDeliversARecordAndKeepsItAcrossARestart() throws Exception {
        Path data = dir.resolve("kafka");
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(data, 0, List.of())) {
            provisionerCreatesExactlyTheProjectTopicsAsConfigured(broker.bootstrapServers());
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                var metadata = producer.send(new ProducerRecord<>("infra-check", "+1", "hello")).get(30, TimeUnit.SECONDS);
                assertEquals(0, metadata.offset());
            }
        }
        try (KafkaBrokerProcess restarted = KafkaBrokerProcess.start(data, 0, List.of());
                var consumer = new KafkaConsumer<String, String>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, restarted.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "infra-check",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra-check"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertEquals(1, records.count());
            assertEquals("hello", records.iterator().next().value());
        }
    }

    /** On the fresh broker above: every topic of Topics.all(), nothing else, with the settings given. */
    private static void provisionerCreatesExactlyTheProjectTopicsAsConfigured(String bootstrap) throws Exception {
        TopicProvisioner.ensureProjectTopics(bootstrap, new TopicProvisioner.Settings(2, (short) 1, 1));
        TopicProvisioner.ensureProjectTopics(bootstrap, new TopicProvisioner.Settings(3, (short) 1, 1)); // idempotent
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertEquals(new TreeSet<>(Topics.all()), new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS)));
            for (TopicDescription topic : admin.describeTopics(Topics.all()).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                assertEquals(2, topic.partitions().size(), topic.name());
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.WINDOW_EXPIRED_DLQ);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertEquals("1", config.get("min.insync.replicas").value());
        }
    }

    @Test
    void topicSettingsComeFromTheEnvironmentWithLocalDefaults() {
        assertEquals(TopicProvisioner.Settings.LOCAL, TopicProvisioner.Settings.from(name -> null));
        Map<String, String> production = Map.of("KAFKA_TOPIC_PARTITIONS", "12", "KAFKA_TOPIC_REPLICATION_FACTOR", "3",
                "KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "2");
        assertEquals(new TopicProvisioner.Settings(12, (short) 3, 2), TopicProvisioner.Settings.from(production::get));
        IllegalArgumentException impossible = assertThrows(IllegalArgumentException.class,
                () -> TopicProvisioner.Settings.from(Map.of("KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "2")::get));
        assertTrue(impossible.getMessage().contains("KAFKA_TOPIC_MIN_INSYNC_REPLICAS (2) is more than"), impossible.getMessage());
    }

    @Test
    void embeddedPostgresAnswersSql() throws Exception {
        try (var embedded = PostgresLocator.startEmbedded(dir.resolve("pg"), 0, "wawindow")) {
            var endpoint = embedded.endpoint();
            assertTrue(endpoint.jdbcUrl().contains("/wawindow"), endpoint.jdbcUrl());
            try (var c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(), endpoint.password())) {
                var rs = c.createStatement().executeQuery("select current_database(), 40 + 2");
                assertTrue(rs.next());
                assertEquals("wawindow", rs.getString(1));
                assertEquals(42, rs.getInt(2));
            }
        }
    }

    @Test
    void aClosedPortIsNoDatabase() {
        assertFalse(PostgresLocator.localServer("127.0.0.1", FreePorts.find(), "test", "postgres", "postgres").isPresent());
    }
}
