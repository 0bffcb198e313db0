package com.wawindow.infra;

/** Where a PostgreSQL database answers, and who it is. */
public record DatabaseEndpoint(String jdbcUrl, String username, String password, String origin) {
}
