package com.wawindow.infra;

/**
 * The API keys every service's {@code %test} profile configures ({@code %test.api.admin-keys},
 * {@code %test.api.viewer-keys}) and the system tests pass to the processes they start. Test values only:
 * a production start never sees them.
 */
public final class TestApiKeys {

    public static final String ADMIN = "test-admin-key";
    public static final String VIEWER = "test-viewer-key";

    private TestApiKeys() {
    }

    /** The value of an {@code Authorization} header carrying {@code key}. */
    public static String bearer(String key) {
        return "Bearer " + key;
    }
}
