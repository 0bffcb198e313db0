package com.wawindow.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages with the faked services: indicators, search in any form, and clear messages instead of a 500. */
@QuarkusTest
class PagesTest {

    private Session admin;

    @BeforeEach
    void signIn() {
        FakeServicesResource.stubs();
        admin = Session.signIn("admin", SignInTest.ADMIN_PASSWORD);
    }

    @Test
    void theListShowsIndicatorCountdownOptOutAndTheNextPage() {
        admin.get("/contacts?state=open&sort=lastMessageAt,asc").then().statusCode(200)
                .body(containsString("class=\"dot open\""))
                .body(containsString("class=\"dot closed\""))
                .body(containsString("class=\"countdown\" data-expires-at="))
                .body(containsString("opted out"))
                .body(containsString("id=\"next-page\""));
        FakeServicesResource.server.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/contacts"))
                .withQueryParam("state", com.github.tomakehurst.wiremock.client.WireMock.equalTo("open"))
                .withQueryParam("sort", com.github.tomakehurst.wiremock.client.WireMock.equalTo("lastMessageAt,asc")));
    }

    @Test
    void aNumberTypedInAnyFormFindsTheContact() {
        for (String typed : new String[] {"6281234567890", "+62 812-3456-7890", "whatsapp:+6281234567890"}) {
            admin.request().queryParam("q", typed).get("/contacts").then().statusCode(303)
                    .header("Location", containsString("/contacts/+6281234567890"));
        }
        admin.request().queryParam("q", "+62 899 0000 0000").get("/contacts").then().statusCode(200)
                .body(containsString("No contact +6289900000000"));
        admin.request().queryParam("q", "hello").get("/contacts").then().statusCode(200)
                .body(containsString("is not a phone number"));
    }

    @Test
    void badFilterInputIsASentenceNotA500() {
        admin.get("/contacts?lastMessageAfter=yesterday").then().statusCode(200)
                .body(containsString("last message after must be a date and time"));
    }

    @Test
    void aServiceThatRefusesTheKeyIsExplainedOnThePage() {
        admin.get("/contacts/" + FakeServicesResource.REFUSED).then().statusCode(502)
                .body(containsString("CONSOLE_API_KEY"));
        admin.get("/contacts/+6289900000000").then().statusCode(404).body(containsString("Not found"));
    }

    @Test
    void overviewShowsCountsFollowupsAndHealth() {
        admin.get("/").then().statusCode(200)
                .body(containsString("expiring soon"))
                .body(containsString("id=\"per-day-chart\""))
                .body(containsString("window-tracker"))
                .body(not(containsString("no answer")));
        admin.get("/templates").then().statusCode(200).body(containsString("we_miss_you"))
                .body(containsString("too salesy")).body(containsString("data-funnel=\"4,3,2,1\""));
    }

    @Test
    void theChartLibraryIsServedFromTheWebjar() {
        io.restassured.RestAssured.given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
    }
}
