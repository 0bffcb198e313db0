package com.wawindow.tracker.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds one text array per column to a statement's parameters 1..n, as the {@code unnest(?::text[], ...)} statements take them. */
public final class TextArrays {

    private TextArrays() {
    }

    public static void bind(Connection connection, PreparedStatement statement, String[][] columns) throws SQLException {
        for (int c = 0; c < columns.length; c++) {
            statement.setArray(c + 1, connection.createArrayOf("text", columns[c]));
        }
    }
}
