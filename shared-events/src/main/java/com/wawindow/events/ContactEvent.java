package com.wawindow.events;

import java.time.Instant;
import java.util.UUID;

/** What every event on the shared topics carries. */
public interface ContactEvent {

    /** Deterministic: the same fact delivered twice has the same id, so consumers can de-duplicate. */
    UUID eventId();

    /** Schema version of the record, raised on incompatible changes. */
    int version();

    /** When the fact happened, as far as the system can tell. */
    Instant occurredAt();

    /** Normalised contact identity, see {@link ContactIds}; also the record key. */
    String contactId();
}
