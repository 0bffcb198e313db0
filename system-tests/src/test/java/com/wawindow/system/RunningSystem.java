package com.wawindow.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wawindow.infra.DatabaseEndpoint;
import com.wawindow.infra.KafkaBrokerProcess;
import com.wawindow.infra.TestInfrastructure;
import com.wawindow.infra.TopicProvisioner;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The three packaged services as processes against a KRaft broker of their own and the test database, with a fake Twilio
 * (WireMock) on 127.0.0.1 behind the sender's official SDK. Each instance uses its own database schemas. The
 * services run in the prod profile, as deployed, with random secrets ({@link Secrets}) and API keys that every
 * API call of the tests carries.
 */
final class RunningSystem implements AutoCloseable {

    static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    static final String BUSINESS = "whatsapp:+14155238886";
    static final String CONTENT_SID = "HXb5b62575e6e4ff6129ad7c8efe1f983e";
    /** The approved template's text, as the Content API shows it and as Twilio renders it into a message's body. */
    static final String TEMPLATE_TEXT = "Hi {{1}}, we are still here for you. Reply to continue.";
    static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    private static final Duration READY = Duration.ofSeconds(240);
    /**
     * nice(1) of every service process an IT starts. The fake Twilio runs in the test JVM, stamps arrivals and
     * answers; it stands for Twilio, which has machines of its own. On this box it shares two cores with the services
     * of its own system and, failsafe running two IT classes at once, with another system's: at one priority, its
     * threads waited behind them and stamped requests that had left on time as bursts (4 within 14 ms after a 100 ms
     * gap in ScaleOutIT, run beside FaultSuiteIT). Below the test JVMs, the services still share the cores equally
     * among themselves. The benchmark passes 0: its figures are measured as before.
     */
    static final int SERVICES_NICENESS = 10;
    /** This JVM's, where it may be raised ({@link #observerFirst()}). */
    static final int OBSERVER_NICENESS = -5;
    private static volatile boolean observerRaised;

    final WireMockServer twilio;
    final Secrets secrets;
    private KafkaBrokerProcess broker;
    private final Map<String, Map<String, String>> envs = new HashMap<>();
    private final Map<String, ServiceProcess> services = new HashMap<>();
    private final Map<String, List<Path>> logs = new HashMap<>();
    private final int niceness;

    private RunningSystem(WireMockServer twilio, KafkaBrokerProcess broker, Secrets secrets, int niceness) {
        this.niceness = niceness;
        this.twilio = twilio;
        this.broker = broker;
        this.secrets = secrets;
    }

    static RunningSystem start(String schemaPrefix, Duration window, Map<String, String> senderOverrides) throws IOException {
        return start(schemaPrefix, window, senderOverrides, Secrets.random());
    }

    static RunningSystem start(String schemaPrefix, Duration window, Map<String, String> senderOverrides,
            Secrets secrets) throws IOException {
        return start(schemaPrefix, window, senderOverrides, secrets, Setup.SHARED_DATABASE);
    }

    /**
     * With {@code instances} > 1, that many processes of each service on the same broker and schemas; instance i
     * (from 2) is named {@code <module>-<i>} ({@link #url}, {@link #crash}), sender i asks tracker i.
     */
    static RunningSystem start(String schemaPrefix, Duration window, Map<String, String> senderOverrides,
            Secrets secrets, int instances) throws IOException {
        // only the database: the shared broker would serve no running system, each has its own
        return start(schemaPrefix, window, senderOverrides, secrets, Setup.SHARED_DATABASE, instances);
    }

    /**
     * What a system may have of its own beyond the usual: a database (the fault suite stops its own), overrides of
     * the tracker's and ingest's environment, and a transformer the fake Twilio's create answers go through
     * (the fault suite's {@link FaultyTwilio}).
     *
     * @param database         null for the test database ({@link TestInfrastructure#sharedDatabase()})
     * @param createTransformer null for a fake that always answers 201
     */
    record Setup(DatabaseEndpoint database, Map<String, String> trackerOverrides, Map<String, String> ingestOverrides,
            FaultyTwilio createTransformer, int niceness) {
        static final Setup SHARED_DATABASE = new Setup(null, Map.of(), Map.of(), null);

        /** The services at {@link #SERVICES_NICENESS}. */
        Setup(DatabaseEndpoint database, Map<String, String> trackerOverrides, Map<String, String> ingestOverrides,
                FaultyTwilio createTransformer) {
            this(database, trackerOverrides, ingestOverrides, createTransformer, SERVICES_NICENESS);
        }
    }

    static RunningSystem start(String schemaPrefix, Duration window, Map<String, String> senderOverrides,
            Secrets secrets, Setup setup) throws IOException {
        return start(schemaPrefix, window, senderOverrides, secrets, setup, 1);
    }

    private static RunningSystem start(String schemaPrefix, Duration window, Map<String, String> senderOverrides,
            Secrets secrets, Setup setup, int instances) throws IOException {
        TheBox.share();
        boolean made = false;
        try {
            DatabaseEndpoint db = setup.database() != null ? setup.database() : TestInfrastructure.sharedDatabase();
            // a broker of its own: another system's leftover records (a window it never followed up) must not reach
            // this one's consumers, whose groups and topics have the same names
            KafkaBrokerProcess broker = KafkaBrokerProcess.start(
                    Path.of("target", "kafka-" + schemaPrefix + "-" + System.currentTimeMillis()).toAbsolutePath(), 0, List.of());
            TopicProvisioner.ensureProjectTopics(broker.bootstrapServers());
            observerFirst();
            AtomicReference<WireMockServer> self = new AtomicReference<>();
            var twilioOptions = options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40)
                    .extensions(new FakeTwilioMessageList(self));
            if (setup.createTransformer() != null) {
                twilioOptions.extensions(setup.createTransformer());
            }
            WireMockServer twilio = new WireMockServer(twilioOptions);
            self.set(twilio);
            twilio.start();
            twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages.json"))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withTransformers(setup.createTransformer() == null ? new String[] {"response-template"}
                                    : new String[] {"response-template", FaultyTwilio.NAME})
                            .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"account_sid\":\""
                                    + ACCOUNT_SID + "\",\"status\":\"queued\",\"from\":\"" + BUSINESS
                                    + "\",\"direction\":\"outbound-api\",\"num_segments\":\"1\"}")));
            twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withTransformers(FakeTwilioMessageList.NAME)));
            twilio.stubFor(get(urlPathEqualTo("/v1/ContentAndApprovals"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(contentAndApprovals())));
            RunningSystem system = new RunningSystem(twilio, broker, secrets, setup.niceness());
            made = true; // from here its close() lets go of the box
            try {
                Map<String, String> common = Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                        "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                        "QUARKUS_DATASOURCE_USERNAME", db.username(),
                        "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                        "API_ADMIN_KEYS", secrets.adminKey(),
                        "API_VIEWER_KEYS", secrets.viewerKey());

                Map<String, String> tracker = new HashMap<>(common);
                tracker.putAll(Map.of("DB_SCHEMA", schemaPrefix + "_tracker", "WINDOW_DURATION", window.toString(),
                        "WINDOW_EXPIRING_SOON_LEAD", "PT2S", "EXPIRY_POLL_INTERVAL", "200ms",
                        // the sender's own key is one of the tracker's viewer keys
                        "API_VIEWER_KEYS", secrets.viewerKey() + "," + secrets.trackerKey()));
                tracker.putAll(setup.trackerOverrides());
                system.launch("window-tracker", tracker, ServiceProcess.freePort());
                for (int i = 2; i <= instances; i++) {
                    system.launchAnother("window-tracker", i, tracker);
                }

                Map<String, String> sender = new HashMap<>(common);
                sender.putAll(Map.of("DB_SCHEMA", schemaPrefix + "_sender",
                        "TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_AUTH_TOKEN", secrets.senderToken(),
                        "TWILIO_API_BASE_URL", twilio.baseUrl(), "TWILIO_CONTENT_BASE_URL", twilio.baseUrl(),
                        // the fake Twilio is http on loopback: allowed explicitly, as production never is
                        "TWILIO_ALLOW_INSECURE_BASE_URL", "true",
                        "TWILIO_WHATSAPP_FROM", BUSINESS, "FOLLOWUP_CONTENT_SID", CONTENT_SID,
                        "FOLLOWUP_CONTENT_VARIABLES", "{\"1\":\"{profileName}\"}"));
                sender.putAll(Map.of("WINDOW_TRACKER_URL", system.url("window-tracker"),
                        "WINDOW_TRACKER_API_KEY", secrets.trackerKey()));
                sender.putAll(senderOverrides);
                system.launch("followup-sender", sender, ServiceProcess.freePort());
                for (int i = 2; i <= instances; i++) {
                    Map<String, String> another = new HashMap<>(sender);
                    another.put("WINDOW_TRACKER_URL", system.url("window-tracker-" + i));
                    system.launchAnother("followup-sender", i, another);
                }

                Map<String, String> ingest = new HashMap<>(common);
                ingest.put("TWILIO_AUTH_TOKEN", secrets.webhookToken());
                ingest.putAll(setup.ingestOverrides());
                system.launch("ingest-service", ingest, ServiceProcess.freePort());
                for (int i = 2; i <= instances; i++) {
                    system.launchAnother("ingest-service", i, ingest);
                }
            } catch (IOException | RuntimeException e) {
                system.close();
                throw e;
            }
            return system;
        } finally {
            if (!made) {
                TheBox.unshare();
            }
        }
    }

    /**
     * Raises this JVM's threads to nice {@value #OBSERVER_NICENESS} where the machine allows it (root, as CI runs):
     * the fake Twilio's threads, which inherit it, then come before the broker and PostgreSQL too, not only before the
     * services. Elsewhere it stays as it is, with a line saying so.
     */
    private static void observerFirst() {
        if (observerRaised) {
            return;
        }
        observerRaised = true;
        java.io.File[] tasks = new java.io.File("/proc/" + ProcessHandle.current().pid() + "/task").listFiles();
        if (tasks == null) {
            return;
        }
        List<String> command = new java.util.ArrayList<>(List.of("renice", "-n", Integer.toString(OBSERVER_NICENESS), "-p"));
        for (java.io.File task : tasks) {
            command.add(task.getName());
        }
        try {
            Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(renice.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            // a thread that ended since the listing is "No such process": not a refusal
            String refused = output.lines()
                    .filter(line -> !line.contains("No such process") && !line.contains("new priority"))
                    .collect(java.util.stream.Collectors.joining("; "));
            if (renice.waitFor() != 0 && !refused.isBlank()) {
                System.out.println("the test JVM stays at its priority (renice: " + refused.trim() + ")");
            }
        } catch (IOException e) {
            System.out.println("the test JVM stays at its priority (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fresh schemas per system: Flyway cleans them at start, so nothing of an earlier run remains. */
    private void launch(String module, Map<String, String> env, int port) throws IOException {
        Map<String, String> withClean = new HashMap<>(env);
        withClean.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
        withClean.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        envs.put(module, env);
        services.put(module, started(module, withClean, port));
    }

    /** Instance {@code i} of the module, on the schemas the first one cleaned and migrated (no clean: it would wipe them). */
    private void launchAnother(String module, int i, Map<String, String> env) throws IOException {
        String name = module + "-" + i;
        envs.put(name, env);
        ServiceProcess service = ServiceProcess.start(module, env, ServiceProcess.freePort(), READY, niceness);
        logs.computeIfAbsent(module, m -> new java.util.ArrayList<>()).add(service.log());
        services.put(name, service);
    }

    /** SIGKILLs the service, then starts it again on the same port with the same configuration and data. */
    void crashAndRestart(String module) throws IOException {
        ServiceProcess crashed = services.get(module);
        crashed.kill();
        services.put(module, started(module, envs.get(module), crashed.port()));
    }

    void crash(String module) {
        services.get(module).kill();
    }

    void restart(String module) throws IOException {
        ServiceProcess old = services.get(module);
        services.put(module, started(module, envs.get(module), old.port()));
    }

    private ServiceProcess started(String module, Map<String, String> env, int port) throws IOException {
        ServiceProcess service = ServiceProcess.start(module, env, port, READY, niceness);
        logs.computeIfAbsent(module, m -> new java.util.ArrayList<>()).add(service.log());
        return service;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops the broker (SIGTERM) and starts it again on the same port and data: the services reconnect. */
    void restartBroker() throws IOException {
        broker = broker.restart();
    }

    /** Freezes the broker (SIGSTOP) for {@code stall}, then lets it go on (SIGCONT): it answers nothing meanwhile. */
    void stallBroker(Duration stall) throws IOException, InterruptedException {
        signal("STOP", broker.pid());
        try {
            Thread.sleep(stall.toMillis()); // the stall is the fault: nothing to wait for
        } finally {
            signal("CONT", broker.pid());
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid + " failed");
        }
    }

    String url(String module) {
        return services.get(module).baseUrl();
    }

    /** The log files of every process of the module this system started, restarts included. */
    List<Path> logs(String module) {
        return logs.getOrDefault(module, List.of());
    }

    /** The log of the named process (a module, or {@code <module>-<i>}) as it runs now. */
    Path log(String name) {
        return services.get(name).log();
    }

    /** How long the process of the module (or {@code <module>-<i>}) running now took from its start to ready. */
    Duration readyAfter(String name) {
        return services.get(name).readyAfter();
    }

    long rssMiB(String module) {
        return services.get(module).rssMiB();
    }

    /** The operating system's id of the named process running now. */
    long pid(String name) {
        return services.get(name).pid();
    }

    long brokerPid() {
        return broker.pid();
    }

    String webhookUrl() {
        return url("ingest-service") + "/webhooks/twilio/whatsapp";
    }

    /** GET the tracker's window of a contact, with a viewer key; the {@code +} of the id is sent encoded, exactly once. */
    ValidatableResponse window(String contactId) {
        return given().urlEncodingEnabled(false).header("Authorization", "Bearer " + secrets.viewerKey())
                .get(url("window-tracker") + "/contacts/" + contactId.replace("+", "%2B") + "/window")
                .then();
    }

    ValidatableResponse webhook(String contact, String messageSid, String profileName, String body) {
        return webhook(inbound(contact, messageSid, profileName, body), secrets.webhookToken());
    }

    ValidatableResponse webhook(Map<String, String> params, String signingToken) {
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8)).formParams(params)
                .header("X-Twilio-Signature", TwilioSignature.sign(signingToken, webhookUrl(), params))
                .post(webhookUrl())
                .then();
    }

    /** The parameters Twilio posts for an inbound WhatsApp text message. */
    static Map<String, String> inbound(String contact, String messageSid, String profileName, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("SmsMessageSid", messageSid);
        params.put("NumMedia", "0");
        params.put("ProfileName", profileName);
        params.put("MessageType", "text");
        params.put("SmsSid", messageSid);
        params.put("WaId", contact.substring(1));
        params.put("SmsStatus", "received");
        params.put("Body", body);
        params.put("To", BUSINESS);
        params.put("NumSegments", "1");
        params.put("ReferralNumMedia", "0");
        params.put("MessageSid", messageSid);
        params.put("AccountSid", ACCOUNT_SID);
        params.put("From", "whatsapp:" + contact);
        params.put("ApiVersion", "2010-04-01");
        return params;
    }

    /** How many messages the services created at the fake so far, without copying the fake's journal. */
    int messageCount() {
        return twilio.countRequestsMatching(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).build()).getCount();
    }

    /** Every message the services created at the fake Twilio (POST Messages.json). */
    List<LoggedRequest> allMessages() {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    List<LoggedRequest> messagesTo(String contactId) {
        return allMessages().stream()
                .filter(request -> ("whatsapp:" + contactId).equals(form(request).get("To")))
                .collect(Collectors.toList());
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String contentAndApprovals() {
        return """
                {"contents":[{"sid":"%s","account_sid":"%s","friendly_name":"we_miss_you","language":"en",
                "date_created":"2026-11-01T00:00:00Z","date_updated":"2026-11-01T00:00:00Z",
                "variables":{"1":"there"},
                "types":{"twilio/text":{"body":"%s"}},
                "approval_requests":{"name":"we_miss_you","category":"UTILITY","content_type":"twilio/text",
                "status":"approved","rejection_reason":"","allow_category_change":true}}],
                "meta":{"page":0,"page_size":50,"first_page_url":"","previous_page_url":null,"url":"","next_page_url":null,"key":"contents"}}
                """.formatted(CONTENT_SID, ACCOUNT_SID, TEMPLATE_TEXT);
    }

    @Override
    public void close() {
        List<String> names = new java.util.ArrayList<>(services.keySet());
        names.sort(java.util.Comparator.comparingInt(name -> List.of("ingest", "followup", "window")
                .indexOf(name.substring(0, name.indexOf('-')))));
        for (String module : names) {
            ServiceProcess service = services.get(module);
            if (service != null) {
                if (service.isAlive()) {
                    System.out.printf("%s RSS before stop: %d MiB%n", module, service.rssMiB());
                }
                service.close();
            }
        }
        twilio.stop();
        broker.close();
        TheBox.unshare();
    }
}
