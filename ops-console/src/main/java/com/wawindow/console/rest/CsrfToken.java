package com.wawindow.console.rest;

import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Double-submit CSRF token: a random value in an HttpOnly, SameSite=Strict cookie, repeated in a hidden field of every
 * form ({@code {inject:csrf.token}}); a POST whose field does not equal its cookie is refused with 403. Another site
 * can neither read the cookie nor make the browser send it.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    public static final String COOKIE = "console-csrf";
    public static final String FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoutingContext routing;
    private String token;

    public CsrfToken(RoutingContext routing) {
        this.routing = routing;
    }

    /** The token of this browser, set as a cookie with the response if it had none. */
    public String getToken() {
        if (token == null) {
            Cookie cookie = routing.request().getCookie(COOKIE);
            if (cookie != null && cookie.getValue().length() >= 32) {
                token = cookie.getValue();
            } else {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                routing.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setSecure(routing.request().isSSL()));
            }
        }
        return token;
    }

    public String getParameterName() {
        return FIELD;
    }

    /** Refuses a form whose token is missing or is not this browser's cookie. */
    public void verify(String submitted) {
        Cookie cookie = routing.request().getCookie(COOKIE);
        if (cookie == null || submitted == null || !MessageDigest.isEqual(cookie.getValue().getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "the form's CSRF token is missing or stale: reload the page and submit again");
        }
    }
}
