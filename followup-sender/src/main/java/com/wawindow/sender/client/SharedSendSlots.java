package com.wawindow.sender.client;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The send slots every sender instance shares: one row per sender in {@code send_budget} holding the time of its
 * next free slot in the database's clock ({@code clock_timestamp()}, so instances' clocks never matter). A
 * reservation is one auto-committed UPDATE of that row; the row lock serialises instances for the length of that
 * statement only, never across a transaction.
 */
final class SharedSendSlots implements SendRateLimiter.SlotSource {

    private static final String RESERVE = """
            WITH now AS (SELECT extract(epoch FROM clock_timestamp())::double precision AS at)
            INSERT INTO send_budget AS b (sender, next_at)
            SELECT ?, now.at + ? FROM now
            ON CONFLICT (sender) DO UPDATE
                SET next_at = GREATEST(b.next_at, (SELECT at FROM now)) + ?
            RETURNING next_at, (SELECT at FROM now)""";
    private static final String PAUSE = """
            INSERT INTO send_budget AS b (sender, next_at)
            VALUES (?, extract(epoch FROM clock_timestamp())::double precision + ?)
            ON CONFLICT (sender) DO UPDATE SET next_at = GREATEST(b.next_at, EXCLUDED.next_at)""";

    private final DataSource dataSource;

    SharedSendSlots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public SendRateLimiter.Reservation reserve(String sender, int count, double spacingSeconds) {
        double span = count * spacingSeconds;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
            reserve.setString(1, sender);
            reserve.setDouble(2, span);
            reserve.setDouble(3, span);
            try (ResultSet row = reserve.executeQuery()) {
                row.next();
                return new SendRateLimiter.Reservation(row.getDouble(1) - span, row.getDouble(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("send budget: the database did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void pause(String sender, Duration pause) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(PAUSE)) {
            statement.setString(1, sender);
            statement.setDouble(2, pause.toNanos() / 1e9);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("send budget: the database did not answer: " + e.getMessage(), e);
        }
    }
}
