package com.wawindow.support.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The one cause-chain walk: the failure itself counts, the nearest match wins, and no chain can make it loop. */
class CausesTest {

    @Test
    void findsTheNearestMatchStartingWithTheFailureItself() {
        SQLException inner = new SQLException("inner", "08006");
        SQLException outer = new SQLException("outer", "57P01", inner);
        RuntimeException wrapped = new RuntimeException("JDBC exception", outer);

        assertSame(outer, Causes.find(wrapped, SQLException.class).orElseThrow());
        assertSame(outer, Causes.find(outer, SQLException.class).orElseThrow());
        assertTrue(Causes.any(wrapped, SQLException.class));
        assertFalse(Causes.any(wrapped, IOException.class));
        assertTrue(Causes.find(null, SQLException.class).isEmpty());
    }

    @Test
    void aTestSeesEveryLinkUntilItAccepts() {
        RuntimeException chain = new RuntimeException("a", new IllegalStateException("b", new IOException("c")));

        assertEquals("c", Causes.first(chain, cause -> cause instanceof IOException).orElseThrow().getMessage());
        assertTrue(Causes.first(chain, cause -> "d".equals(cause.getMessage())).isEmpty());
    }

    @Test
    void theRootIsTheLastLink() {
        IOException root = new IOException("connection reset");
        assertSame(root, Causes.root(new RuntimeException(new IllegalStateException(root))));
        assertSame(root, Causes.root(root));
    }

    @Test
    void aCyclicChainEndsTheWalkInsteadOfHangingTheCaller() {
        // Throwable refuses a cause of itself, so a cycle needs two links that name each other, as some wrappers do
        CyclicException first = new CyclicException("first");
        CyclicException second = new CyclicException("second");
        first.cause = second;
        second.cause = first;

        assertFalse(Causes.any(first, IOException.class));
        CyclicException root = (CyclicException) Causes.root(first);
        assertTrue(root == first || root == second);
    }

    private static final class CyclicException extends RuntimeException {
        private Throwable cause;

        CyclicException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable getCause() {
            return cause;
        }
    }
}
