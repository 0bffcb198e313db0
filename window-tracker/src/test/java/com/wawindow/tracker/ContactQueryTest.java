package com.wawindow.tracker;

import static com.wawindow.tracker.TrackerApi.asViewer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
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
    /** The contact id order test's own range, so the other tests' counts never see its contacts. */
    private static final Instant OTHER_DAY = Instant.parse("2030-04-01T00:00:00Z");

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

        asViewer().queryParam("lastMessageAfter", DAY.minusSeconds(1).toString())
                .queryParam("lastMessageBefore", DAY.plusSeconds(3600).toString())
                .queryParam("optedOut", "true").queryParam("state", "open")
                .get("/contacts").then().statusCode(200)
                .body("items.contactId", equalTo(List.of(contacts.get(4))))
                .body("items[0].state", equalTo("OPEN"))
                .body("items[0].optedOut", equalTo(true))
                .body("items[0].contactAddress", equalTo("whatsapp:" + contacts.get(4)))
                .body("nextCursor", nullValue());
        asViewer().queryParam("lastMessageAfter", DAY.minusSeconds(1).toString())
                .queryParam("lastMessageBefore", DAY.plusSeconds(3600).toString())
                .queryParam("state", "closed")
                .get("/contacts").then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void inContactIdOrderAContactWhoWritesMidWayIsNeitherSkippedNorRepeated() {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String contact = TrackerKafka.newContactId();
            contacts.add(contact);
            TrackerKafka.get().publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(),
                    OTHER_DAY.plusSeconds(600 + 60L * i), ConsentChange.NONE, null));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> walk(OTHER_DAY, "contactId").containsAll(contacts));
        List<String> expected = walk(OTHER_DAY, "contactId");
        List<String> sorted = new ArrayList<>(expected);
        Collections.sort(sorted);
        assertEquals(sorted, expected);

        JsonPath first = page(OTHER_DAY, "contactId", 2, null);
        List<String> seen = new ArrayList<>(first.getList("items.contactId"));
        // the oldest contact not yet read writes again: newest first it would jump ahead of the cursor and be missed
        String notYetRead = expected.get(expected.size() - 1);
        TrackerKafka.get().publish(TrackerKafka.inbound(notYetRead, TrackerKafka.newMessageSid(), OTHER_DAY.plusSeconds(3000),
                ConsentChange.NONE, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> asViewer().get("/contacts/{id}/window", notYetRead)
                .jsonPath().getString("lastMessageAt") != null && Instant.parse(asViewer().get("/contacts/{id}/window", notYetRead)
                .jsonPath().getString("lastMessageAt")).equals(OTHER_DAY.plusSeconds(3000)));
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            JsonPath page = page(OTHER_DAY, "contactId", 2, cursor);
            seen.addAll(page.getList("items.contactId"));
            cursor = page.getString("nextCursor");
        }
        assertEquals(expected, seen);
        asViewer().queryParam("sort", "lastMessageAt,asc").queryParam("cursor", first.getString("nextCursor"))
                .get("/contacts").then().statusCode(400);
    }

    @Test
    void aClosedWindowIsInTheClosedSegmentAndCountedAsClosed() {
        String contact = TrackerKafka.newContactId();
        Instant longAgo = Instant.parse("2021-06-01T10:00:00Z");
        TrackerKafka.get().publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), longAgo));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asViewer()
                .queryParam("state", "closed").queryParam("lastMessageAfter", longAgo.minusSeconds(1).toString())
                .queryParam("lastMessageBefore", longAgo.plusSeconds(1).toString())
                .get("/contacts").then().statusCode(200).body("items.contactId", hasItems(contact)));

        JsonPath stats = asViewer().get("/contacts/stats").then().statusCode(200).extract().jsonPath();
        assertTrue(stats.getLong("closed") >= 1);
        assertEquals(stats.getLong("total"), stats.getLong("open") + stats.getLong("closed"));
        assertTrue(stats.getLong("expiringSoon") <= stats.getLong("open"));
    }

    @Test
    void filtersItCannotApplyAre400ProblemsThatNameTheField() {
        for (String[] bad : new String[][] {{"state", "half-open"}, {"lastMessageAfter", "yesterday"},
                {"lastMessageBefore", "2030-13-01T00:00:00Z"}, {"optedOut", "maybe"}, {"sort", "profileName,asc"},
                {"limit", "0"}, {"limit", "ten"}, {"cursor", "not-a-cursor"}}) {
            asViewer().queryParam(bad[0], bad[1]).get("/contacts").then().log().ifValidationFails()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://wawindow.dev/problems/invalid-request"))
                    .body("status", equalTo(400))
                    .body("detail", containsString(bad[0]));
        }
        Instant day = Instant.parse("2032-07-01T00:00:00Z");
        for (int i = 0; i < 2; i++) {
            TrackerKafka.get().publish(TrackerKafka.inbound(TrackerKafka.newContactId(), TrackerKafka.newMessageSid(),
                    day.plusSeconds(i)));
        }
        java.util.function.Supplier<String> firstPageCursor = () -> asViewer().queryParam("sort", "lastMessageAt,asc").queryParam("limit", 1)
                .queryParam("lastMessageAfter", day.minusSeconds(1).toString())
                .queryParam("lastMessageBefore", day.plusSeconds(60).toString())
                .get("/contacts").jsonPath().getString("nextCursor");
        await().atMost(Duration.ofSeconds(20)).until(() -> firstPageCursor.get() != null);
        String ascendingCursor = firstPageCursor.get();
        asViewer().queryParam("sort", "lastMessageAt,desc").queryParam("cursor", ascendingCursor).get("/contacts").then()
                .statusCode(400)
                .body("type", equalTo("https://wawindow.dev/problems/invalid-request"))
                // the cursor is the client's own token: the answer says what is wrong, never repeats it
                .body("detail", not(containsString(ascendingCursor)));
    }

    /** The hard maximum page size: 1,000 is served, 1,001 is refused (never silently clamped). */
    @Test
    void aPageLargerThanTheHardMaximumIsRefused() {
        asViewer().queryParam("limit", 1000).get("/contacts").then().statusCode(200);
        asViewer().queryParam("limit", 1001).get("/contacts").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("limit"))
                .body("violations[0].message", equalTo("must be a whole number from 1 to 1000"));
    }

    @Test
    void optionsAreCaseInsensitiveAndTheDefaultOrderIsNewestFirst() {
        Instant day = Instant.parse("2031-05-01T00:00:00Z");
        String older = TrackerKafka.newContactId();
        String newer = TrackerKafka.newContactId();
        TrackerKafka.get().publish(TrackerKafka.inbound(older, TrackerKafka.newMessageSid(), day));
        TrackerKafka.get().publish(TrackerKafka.inbound(newer, TrackerKafka.newMessageSid(), day.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asViewer()
                .queryParam("state", "OPEN").queryParam("optedOut", "False")
                .queryParam("lastMessageAfter", day.minusSeconds(1).toString())
                .queryParam("lastMessageBefore", day.plusSeconds(3600).toString())
                .get("/contacts").then().statusCode(200).body("items.contactId", equalTo(List.of(newer, older))));
    }

    @Test
    void readinessCoversTheBrokerAndTheDatabase() {
        // open by design: no key
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("SmallRye Reactive Messaging - readiness check",
                        "Database connections health check"));
    }

    private List<String> walk(String sort) {
        return walk(DAY, sort);
    }

    private List<String> walk(Instant day, String sort) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = page(day, sort, 2, cursor);
            seen.addAll(page.getList("items.contactId"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return seen;
    }

    private static JsonPath page(String sort, int limit, String cursor) {
        return page(DAY, sort, limit, cursor);
    }

    private static JsonPath page(Instant day, String sort, int limit, String cursor) {
        var request = asViewer().queryParam("lastMessageAfter", day.minusSeconds(1).toString())
                .queryParam("lastMessageBefore", day.plusSeconds(3600).toString())
                .queryParam("sort", sort).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/contacts").then().statusCode(200).extract().jsonPath();
    }
}
