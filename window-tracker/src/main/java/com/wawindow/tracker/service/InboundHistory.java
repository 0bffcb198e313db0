package com.wawindow.tracker.service;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.repository.InboundHistoryRepository;
import com.wawindow.tracker.repository.InboundHistoryRepository.Entry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The last {@code HISTORY_SIZE} inbound messages of each contact, so an agent sees what the customer wrote before a
 * window closed. Customer data: only a preview of {@code HISTORY_PREVIEW_LENGTH} characters is kept (none at 0), no
 * media URL, no location, and older messages are deleted as newer ones arrive.
 */
@ApplicationScoped
public class InboundHistory {

    private final InboundHistoryRepository repository;
    private final TrackerConfig config;

    public InboundHistory(InboundHistoryRepository repository, TrackerConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** Inbound messages kept per contact; 0 keeps none. */
    public int keep() {
        return config.history().size();
    }

    /** In the applier's transaction: the history commits with the window it explains. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(List<InboundMessageReceived> messages) {
        int keep = keep();
        if (keep <= 0) {
            return;
        }
        repository.append(messages.stream().map(this::entry).toList(), keep);
    }

    /** Moves a merged contact's history to the contact it became (trimmed to the bound), in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void move(String fromContactId, String toContactId) {
        repository.move(fromContactId, toContactId, keep());
    }

    /** The history's row for a message: a preview of its text, its media count, never the media themselves. */
    public Entry entry(InboundMessageReceived m) {
        return new Entry(m.contactId(), m.messageSid(), m.receivedAt(), m.messageType(),
                Math.max(m.numMedia(), m.media() == null ? 0 : m.media().size()), preview(m));
    }

    private String preview(InboundMessageReceived m) {
        int length = config.history().previewLength();
        String text = m.body() != null && !m.body().isBlank() ? m.body() : m.buttonText();
        if (length <= 0 || text == null || text.isBlank()) {
            return null;
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.codePointCount(0, flat.length()) <= length ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, length)) + "…";
    }
}
