package com.wawindow.support.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which failures only say that no connection was free: the caller waits for those instead of failing its work. */
class DatabaseAvailabilityTest {

    private final DatabaseAvailability database = new DatabaseAvailability(
            new DatabaseProbe(Optional.empty(), Optional.empty(), Optional.empty()));

    @Test
    void thePoolsAcquisitionTimeoutIsBusyHoweverDeepItIsWrapped() {
        SQLException timeout = new SQLException("Sorry, acquisition timeout!");
        assertTrue(database.isBusy(timeout));
        // as Hibernate and a repository hand it on
        assertTrue(database.isBusy(new IllegalStateException("send budget: the database did not answer",
                new RuntimeException("Unable to acquire JDBC Connection", timeout))));
        // a new connection that PostgreSQL, under load, did not open within the timeout
        assertTrue(database.isBusy(new RuntimeException("Unable to acquire JDBC Connection", new SQLException(
                "Acquisition timeout while waiting for new connection", new java.util.concurrent.TimeoutException()))));
    }

    @Test
    void theServersConnectionLimitIsBusy() {
        assertTrue(database.isBusy(new RuntimeException(new SQLException("FATAL: sorry, too many clients already", "53300"))));
    }

    @Test
    void aFailureOfTheWorkItselfIsNotBusy() {
        assertFalse(database.isBusy(new RuntimeException(new SQLException("duplicate key value", "23505"))));
        assertFalse(database.isBusy(new SQLException("Connection refused", "08001")));
        assertFalse(database.isBusy(new IllegalArgumentException("no contactId")));
    }

    /** A database that answers the probe: what a failure means then depends on the failure alone. */
    private final DatabaseAvailability answering = new DatabaseAvailability(
            new DatabaseProbe(Optional.empty(), Optional.empty(), Optional.empty()) {
                @Override
                public boolean answers() {
                    return true;
                }
            });

    @Test
    void aConnectionThatBrokeWhileTheDatabaseAnswersAgainIsAWaitNotTheWorksFailure() {
        // what a pooled connection from before a server restart throws when used after it, as Hibernate wraps it
        SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertTrue(answering.isOutage(new RuntimeException("JDBC exception executing SQL [select ...]", io)));
        assertTrue(answering.isOutage(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(answering.isOutage(new SQLException("the database system is starting up", "57P03")));
        assertTrue(answering.isConnectionLoss(new SQLException("Connection refused", "08001")));
    }

    @Test
    void aFailureOfTheWorkItselfWhileTheDatabaseAnswersIsNoOutage() {
        assertFalse(answering.isOutage(new RuntimeException(new SQLException("duplicate key value", "23505"))));
        assertFalse(answering.isOutage(new SQLException("canceling statement due to statement timeout", "57014")));
        assertFalse(answering.isOutage(new SQLException("no SQLSTATE")));
        assertFalse(answering.isOutage(new IllegalArgumentException("no contactId")));
    }
}
