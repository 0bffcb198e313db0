package com.wawindow.tracker;

import static io.restassured.RestAssured.given;

import com.wawindow.infra.TestApiKeys;
import io.restassured.specification.RequestSpecification;

/** Requests as the tracker's clients make them: every protected endpoint needs an API key. */
public final class TrackerApi {

    private TrackerApi() {
    }

    /** A read-only client, such as followup-sender. */
    public static RequestSpecification asViewer() {
        return given().header("Authorization", TestApiKeys.bearer(TestApiKeys.VIEWER));
    }

    public static RequestSpecification asAdmin() {
        return given().header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN));
    }
}
