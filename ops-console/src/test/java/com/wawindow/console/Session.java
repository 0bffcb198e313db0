package com.wawindow.console;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One browser's cookies, as RestAssured sees them: the session after sign-in and the CSRF cookie. */
final class Session {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    final Map<String, String> cookies = new HashMap<>();

    static Session signIn(String username, String password) {
        Session session = new Session();
        Response response = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", username).formParam("j_password", password)
                .post("/j_security_check");
        session.keep(response);
        return session;
    }

    RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies);
    }

    Response get(String path) {
        Response response = request().urlEncodingEnabled(false).get(path);
        keep(response);
        return response;
    }

    /** The CSRF token of the forms on a page (and the cookie it is checked against, kept by {@link #get}). */
    String csrfFrom(String page) {
        Matcher m = CSRF_FIELD.matcher(get(page).body().asString());
        if (!m.find()) {
            throw new AssertionError(page + " has no CSRF field");
        }
        return m.group(1);
    }

    Response postForm(String path, Map<String, String> fields) {
        Response response = request().urlEncodingEnabled(true).contentType("application/x-www-form-urlencoded")
                .formParams(fields).post(path);
        keep(response);
        return response;
    }

    private void keep(Response response) {
        response.getDetailedCookies().asList().forEach(c -> {
            if (c.getMaxAge() == 0) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
    }
}
