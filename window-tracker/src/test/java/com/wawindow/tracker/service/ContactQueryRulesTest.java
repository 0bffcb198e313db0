package com.wawindow.tracker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import com.wawindow.tracker.repository.ContactFilter;
import com.wawindow.tracker.repository.ContactFilter.PageKey;
import com.wawindow.tracker.service.ContactQuery.Segment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A segment at an instant becomes bounds on the closing instant; cursors round-trip and keep their order. */
class ContactQueryRulesTest {

    private static final Instant NOW = WindowPolicyTest.T;
    private final ContactService service = new ContactService(null, null, null,
            new WindowPolicy(WindowPolicyTest.config(Duration.ofHours(24), Duration.ofHours(1))),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void eachStateIsARangeOfClosingInstants() {
        ContactFilter open = service.filter(query(Segment.OPEN, null), NOW);
        assertEquals(NOW, open.expiresAfter());
        assertNull(open.expiresNotAfter());

        ContactFilter closed = service.filter(query(Segment.CLOSED, null), NOW);
        assertNull(closed.expiresAfter());
        assertEquals(NOW, closed.expiresNotAfter());

        ContactFilter soon = service.filter(query(Segment.EXPIRING_SOON, null), NOW);
        assertEquals(NOW, soon.expiresAfter());
        assertEquals(NOW.plus(Duration.ofHours(1)), soon.expiresNotAfter());

        ContactFilter all = service.filter(query(null, null), NOW);
        assertNull(all.expiresAfter());
        assertNull(all.expiresNotAfter());
    }

    @Test
    void aCursorRoundTripsInItsOwnOrderOnly() {
        String cursor = ContactCursor.encode(true, NOW, "+6281234567890");
        assertEquals(new PageKey(NOW, "+6281234567890"), service.filter(query(null, cursor), NOW).after());

        ProblemException otherOrder = assertThrows(ProblemException.class,
                () -> ContactCursor.decode(cursor, false));
        assertEquals(ProblemType.INVALID_REQUEST, otherOrder.type());
        assertThrows(ProblemException.class, () -> ContactCursor.decode("not-a-cursor", true));
        assertNull(ContactCursor.decode(" ", true));
    }

    private static ContactQuery query(Segment state, String cursor) {
        return new ContactQuery(state, null, null, null, null, true, false, cursor, ContactQuery.DEFAULT_LIMIT);
    }
}
