package com.wawindow.tracker;

import static com.wawindow.tracker.TrackerApi.asViewer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.infra.ExposedMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's reads: a contact's inbound history (bounded, previews only), search by number in any form, the size of
 * a segment, {@code expiringSoon} in list items, the contact gauges; and every endpoint that takes a contact id
 * answering the same contact for each form people type.
 */
@QuarkusTest
class ContactHistoryTest {

    @Inject
    TestClock clock;

    /** The forms of one number: E.164, the WaId, Twilio's address, and typed with spaces and dashes. */
    static List<String> forms(String contactId) {
        String digits = contactId.substring(1);
        return List.of(contactId, digits, "whatsapp:" + contactId,
                "+" + digits.substring(0, 2) + " " + digits.substring(2, 5) + "-" + digits.substring(5, 9) + "-"
                        + digits.substring(9),
                "whatsapp: " + digits.substring(0, 2) + "-" + digits.substring(2));
    }

    @Test
    void historyKeepsTheNewestMessagesAsShortPreviewsAndAnswersEveryFormOfTheNumber() {
        String contact = TrackerKafka.newContactId();
        Instant start = clock.now().minusSeconds(600);
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String sid = TrackerKafka.newMessageSid();
            sids.add(sid);
            TrackerKafka.get().publish(message(contact, sid, start.plusSeconds(i), "message number " + i + " is long"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asViewer()
                .get("/contacts/{id}/window", contact).then().statusCode(200).body("inboundCount", equalTo(5)));

        for (String form : forms(contact)) {
            asViewer().get("/contacts/{id}/messages", form).then().statusCode(200)
                    .body("messageSid", equalTo(List.of(sids.get(4), sids.get(3), sids.get(2))))
                    .body("[0].preview", equalTo("message numb…"))
                    .body("[0].messageType", equalTo("text"));
            asViewer().get("/contacts/{id}/window", form).then().statusCode(200).body("contactId", equalTo(contact));
        }
        asViewer().queryParam("limit", 1).get("/contacts/{id}/messages", contact).then().statusCode(200)
                .body("messageSid", equalTo(List.of(sids.get(4))));
        asViewer().queryParam("limit", "lots").get("/contacts/{id}/messages", contact).then().statusCode(400);
        asViewer().get("/contacts/{id}/messages", "+6200000000001").then().statusCode(404)
                .body("type", org.hamcrest.Matchers.endsWith("contact-not-found"));
    }

    @Test
    void searchFindsANumberInAnyFormOrByPartAndCountMatchesTheList() {
        String contact = TrackerKafka.newContactId();
        // closes 5 minutes from now: inside the test profile's 10-minute expiring-soon lead
        TrackerKafka.get().publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(),
                clock.now().minus(Duration.ofMinutes(55))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asViewer()
                .get("/contacts/{id}/window", contact).then().statusCode(200));

        for (String form : forms(contact)) {
            asViewer().queryParam("search", form).get("/contacts").then().statusCode(200)
                    .body("items.contactId", equalTo(List.of(contact)))
                    .body("items[0].expiringSoon", equalTo(true))
                    .body("items[0].state", equalTo("OPEN"));
            asViewer().queryParam("search", form).get("/contacts/count").then().statusCode(200).body("count", equalTo(1));
        }
        asViewer().queryParam("search", contact.substring(contact.length() - 6)).get("/contacts").then().statusCode(200)
                .body("items.contactId", hasItem(contact));
        asViewer().queryParam("search", contact).queryParam("state", "closed").get("/contacts/count").then()
                .statusCode(200).body("count", equalTo(0));
        asViewer().queryParam("search", "+6").get("/contacts").then().statusCode(400);
        asViewer().queryParam("state", "half-open").get("/contacts/count").then().statusCode(400);

        long open = asViewer().queryParam("state", "open").get("/contacts/count").then().statusCode(200)
                .extract().jsonPath().getLong("count");
        long stats = asViewer().get("/contacts/stats").then().extract().jsonPath().getLong("open");
        assertTrue(open >= 1 && Math.abs(open - stats) <= 5, "count " + open + " vs stats " + stats);
    }

    @Test
    void contactGaugesFollowTheCounts() {
        double before = gauge("open");
        String contact = TrackerKafka.newContactId();
        TrackerKafka.get().publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> gauge("open") > before);
        for (String state : List.of("expiring_soon", "closed", "entry_point_open", "opted_out")) {
            assertTrue(gauge(state) >= 0, state);
        }
        assertEquals(1, given().get("/q/metrics").then().extract().asString()
                .lines().filter(l -> l.startsWith("tracker_contacts{") && l.contains("state=\"open\"")).count());
    }

    /** The names the Grafana dashboard may use (ComposeFileTest checks it against the same list). */
    @Test
    void everyMetricTheDashboardMayUseIsExposed() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(List.of(), ExposedMetrics.missing(
                "window-tracker", given().get("/q/metrics").then().statusCode(200).extract().asString())));
    }

    private static double gauge(String state) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^tracker_contacts\\{[^}]*state=\"" + state + "\"[^}]*\\} ([0-9.E+-]+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static InboundMessageReceived message(String contactId, String sid, Instant at, String body) {
        return new InboundMessageReceived(EventIds.inboundMessage(sid), InboundMessageReceived.CURRENT_VERSION, at,
                contactId, sid, "AC00000000000000000000000000000000", null, "whatsapp:" + contactId,
                "whatsapp:+14155238886", body, "Budi", contactId.substring(1), null, "text", 0, List.of(), null, null,
                null, null, null, ConsentChange.NONE, Map.of());
    }
}
