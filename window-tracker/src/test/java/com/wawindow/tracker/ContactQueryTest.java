package com.wawindow.tracker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.ConsentChange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segments, keyset pages and counts of {@code GET /contacts}, and the 400s for filters it cannot apply. */
@QuarkusTest
class ContactQueryTest {

    private static final Instant DAY = Instant.parse("2030-03-01T00:00:00Z");

    @Test
    void pagesThroughASegmentInEitherOrderWithoutGapsOrRepeats() {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String contact = TrackerKafka.newContactId();
            contacts.add(contact);
            TrackerKafka.get().publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), DAY.plusSeconds(60L * i),
                    i == 4 ? ConsentChange.OPT_OUT : ConsentChange.NONE, null));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> page("lastMessageAt,asc", 10, null).getList("items").size() == 5);

        assertEquals(contacts, walk("lastMessageAt,asc"));
        List<String> newestFirst = new ArrayList<>(contacts);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, walk("lastMessageAt,desc"));

        given().queryParam("lastMessageAfter", DAY.minusSeconds(1).toString())
                .queryParam("lastMessageBefore", DAY.plusSeconds(3600).toString())
                .queryParam("optedOut", "true").queryParam("state", "open")
                .get("/contacts").then().statusCode(200)
                .body("items.contactId", equalTo(List.of(contacts.get(4))))
                .body("items[0].state", equalTo("OPEN"))
                .body("items[0].optedOut", equalTo(true))
                .body("items[0].contactAddress", equalTo("whatsapp:" + contacts.get(4)))
                .body("nextCursor", nullValue());
        given().queryParam("lastMessageAfter", DAY.minusSeconds(1).toString())
                .queryParam("lastMessageBefore", DAY.plusSeconds(3600).toString())
                .queryParam("state", "closed")
                .get("/contacts").then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void aClosedWindowIsInTheClosedSegmentAndCountedAsClosed() {
        String contact = TrackerKafka.newContactId();
        Instant longAgo = Instant.parse("2021-06-01T10:00:00Z");
        TrackerKafka.get().publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), longAgo));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .queryParam("state", "closed").queryParam("lastMessageAfter", longAgo.minusSeconds(1).toString())
                .queryParam("lastMessageBefore", longAgo.plusSeconds(1).toString())
                .get("/contacts").then().statusCode(200).body("items.contactId", hasItems(contact)));

        JsonPath stats = given().get("/contacts/stats").then().statusCode(200).extract().jsonPath();
        assertTrue(stats.getLong("closed") >= 1);
        assertEquals(stats.getLong("total"), stats.getLong("open") + stats.getLong("closed"));
        assertTrue(stats.getLong("expiringSoon") <= stats.getLong("open"));
    }

    @Test
    void filtersItCannotApplyAre400Problems() {
        for (String[] bad : new String[][] {{"state", "half-open"}, {"lastMessageAfter", "yesterday"},
                {"lastMessageBefore", "2030-13-01T00:00:00Z"}, {"optedOut", "maybe"}, {"sort", "profileName,asc"},
                {"limit", "0"}, {"limit", "1001"}, {"limit", "ten"}, {"cursor", "not-a-cursor"}}) {
            given().queryParam(bad[0], bad[1]).get("/contacts").then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://wawindow.dev/problems/invalid-parameter"))
                    .body("status", equalTo(400));
        }
        String ascendingCursor = page("lastMessageAt,asc", 1, null).getString("nextCursor");
        given().queryParam("sort", "lastMessageAt,desc").queryParam("cursor", ascendingCursor).get("/contacts").then()
                .statusCode(400);
    }

    @Test
    void readinessCoversTheBrokerAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("SmallRye Reactive Messaging - readiness check",
                        "Database connections health check"));
    }

    private List<String> walk(String sort) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = page(sort, 2, cursor);
            seen.addAll(page.getList("items.contactId"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return seen;
    }

    private static JsonPath page(String sort, int limit, String cursor) {
        var request = given().queryParam("lastMessageAfter", DAY.minusSeconds(1).toString())
                .queryParam("lastMessageBefore", DAY.plusSeconds(3600).toString())
                .queryParam("sort", sort).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/contacts").then().statusCode(200).extract().jsonPath();
    }
}
