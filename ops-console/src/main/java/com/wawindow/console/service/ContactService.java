package com.wawindow.console.service;

import com.wawindow.console.client.SenderApi;
import com.wawindow.console.client.SenderClient;
import com.wawindow.console.client.TrackerApi;
import com.wawindow.console.client.TrackerClient;
import com.wawindow.console.client.UpstreamException;
import com.wawindow.console.config.ConsoleConfig;
import com.wawindow.console.config.ConsoleProblems;
import com.wawindow.events.ContactIds;
import com.wawindow.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The contact list, one contact's page, and the messages an agent sends from it. */
@ApplicationScoped
public class ContactService {

    /** How far back the 72-hour entry point window starts before its end. */
    static final Duration ENTRY_POINT_WINDOW = Duration.ofHours(72);
    /** Inbound messages shown on a contact's page (the tracker keeps HISTORY_SIZE of them, 20 by default). */
    static final int HISTORY = 20;

    private final TrackerClient tracker;
    private final SenderClient sender;
    private final ConsoleConfig config;
    private final Clock clock;

    public ContactService(TrackerClient tracker, SenderClient sender, ConsoleConfig config, Clock clock) {
        this.tracker = tracker;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
    }

    /** The filters of {@code GET /contacts}, as the form sends them (blank = not set). */
    public record Filters(String state, String lastMessageAfter, String lastMessageBefore, String optedOut, String sort) {

        /** The filters as a query string, for the paging links. */
        public String query() {
            return "state=" + enc(state) + "&lastMessageAfter=" + enc(lastMessageAfter) + "&lastMessageBefore="
                    + enc(lastMessageBefore) + "&optedOut=" + enc(optedOut) + "&sort=" + enc(sort);
        }

        private static String enc(String value) {
            return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }

        public boolean any() {
            return notBlank(state) || notBlank(lastMessageAfter) || notBlank(lastMessageBefore) || notBlank(optedOut);
        }
    }

    public record Row(String contactId, String profileName, Indicator indicator, Instant lastMessageAt,
            Instant expiresAt, boolean optedOut) {
    }

    public record ListView(List<Row> rows, String nextCursor, String error) {
    }

    public ListView list(Filters filters, String cursor) {
        return list(filters, cursor, null);
    }

    /** @param search digits of a number, or a part of one, the tracker matches anywhere in the id; null for all */
    public ListView list(Filters filters, String cursor, String search) {
        try {
            TrackerApi.ContactPage page = tracker.contacts(new TrackerClient.ContactQuery(blankToNull(filters.state()),
                    instant("last message after", filters.lastMessageAfter()),
                    instant("last message before", filters.lastMessageBefore()), blankToNull(filters.optedOut()),
                    blankToNull(filters.sort()), config.pageSize(), blankToNull(cursor), blankToNull(search)));
            Instant now = clock.instant();
            List<Row> rows = page.items().stream().map(i -> new Row(i.contactId(), i.profileName(),
                    i.expiringSoon() && !"CLOSED".equals(i.state()) ? Indicator.EXPIRING_SOON
                            : Indicator.of(i.state(), i.expiresAt(), now, config.expiringSoonLead()), i.lastMessageAt(),
                    i.expiresAt(), i.optedOut())).toList();
            return new ListView(rows, page.nextCursor(), null);
        } catch (ProblemException e) {
            return new ListView(List.of(), null, e.problem().getDetail());
        } catch (UpstreamException e) {
            return new ListView(List.of(), null, message(e));
        }
    }

    /** A number as people type it ({@code 0812...} aside): {@code +62 812-3456}, {@code 62812...}, {@code whatsapp:+62...}. */
    public String normalise(String typed) {
        Optional<String> id = ContactIds.fromTwilio(null, typed, null).filter(ContactIds::isPhoneNumber);
        return id.orElseThrow(() -> new ProblemException(ConsoleProblems.NOT_A_CONTACT_ID,
                "'" + (typed == null ? "" : typed.strip()) + "' is not a phone number: type it with its country code, "
                        + "e.g. +62 812 3456 7890"));
    }

    /** Whether the tracker knows this contact (so a search can go straight to it). */
    public boolean exists(String contactId) {
        try {
            tracker.window(contactId);
            return true;
        } catch (UpstreamException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    public record Timeline(Instant from, Instant to, Instant now, Instant serviceStart, Instant serviceEnd,
            Instant entryStart, Instant entryEnd) {

        /** Percent of the timeline's width between two instants. */
        public double width(Instant start, Instant end) {
            return Math.max(0, Math.round(10 * (at(end) - at(start))) / 10.0);
        }

        /** Percent of the timeline's width at which an instant sits (0..100). */
        public double at(Instant instant) {
            if (instant == null) {
                return 0;
            }
            double span = Duration.between(from, to).toMillis();
            double pos = Duration.between(from, instant).toMillis();
            return Math.max(0, Math.min(100, Math.round(1000 * pos / span) / 10.0));
        }
    }

    public record Detail(TrackerApi.ContactWindow window, Indicator indicator, Timeline timeline,
            List<SenderApi.Decision> decisions, String decisionsError, List<SenderApi.Template> approvedTemplates,
            String templatesError, String zoneId, boolean optedOut, String idempotencyKey,
            List<TrackerApi.InboundMessage> inbound, String inboundError, List<SenderApi.Dispatch> dispatches,
            String dispatchesError) {

        public boolean open() {
            return indicator != Indicator.CLOSED;
        }
    }

    public Detail detail(String contactId) {
        TrackerApi.ContactWindow window = tracker.window(contactId);
        Instant now = clock.instant();
        List<SenderApi.Decision> decisions = List.of();
        String decisionsError = null;
        try {
            decisions = sender.decisions(contactId, 100);
        } catch (UpstreamException e) {
            decisionsError = message(e);
        }
        List<SenderApi.Template> templates = List.of();
        String templatesError = null;
        try {
            templates = sender.templates().stream().filter(SenderApi.Template::approved).toList();
        } catch (UpstreamException e) {
            templatesError = message(e);
        }
        String zone = null;
        boolean optedOut = window.optedOut();
        try {
            SenderApi.Consent consent = sender.contact(contactId);
            zone = consent.zoneId();
            optedOut = optedOut || consent.optedOut();
        } catch (UpstreamException e) {
            Log.debugf("sender has no consent view: %s", e.getMessage());
        }
        List<TrackerApi.InboundMessage> inbound = List.of();
        String inboundError = null;
        try {
            inbound = tracker.messages(contactId, HISTORY);
        } catch (UpstreamException e) {
            inboundError = message(e);
        }
        List<SenderApi.Dispatch> dispatches = List.of();
        String dispatchesError = null;
        try {
            dispatches = sender.dispatches(contactId, 100);
        } catch (UpstreamException e) {
            dispatchesError = message(e);
        }
        return new Detail(window, Indicator.of(window.state(), window.expiresAt(), now, config.expiringSoonLead()),
                timeline(window, now), decisions, decisionsError, templates, templatesError, zone, optedOut,
                UUID.randomUUID().toString(), inbound, inboundError, dispatches, dispatchesError);
    }

    private static Timeline timeline(TrackerApi.ContactWindow w, Instant now) {
        Instant entryEnd = w.entryPoint() == null ? null : w.entryPoint().expiresAt();
        Instant entryStart = entryEnd == null ? null : entryEnd.minus(ENTRY_POINT_WINDOW);
        Instant from = min(now.minus(Duration.ofHours(1)), w.lastMessageAt(), entryStart);
        Instant to = max(now.plus(Duration.ofHours(1)), w.expiresAt(), entryEnd);
        return new Timeline(from, to, now, w.lastMessageAt(), w.expiresAt(), entryStart, entryEnd);
    }

    /** @return what to tell the agent: null when it went, else why not */
    public String sendText(String contactId, String body, String idempotencyKey) {
        if (body == null || body.isBlank()) {
            return "Type a message first.";
        }
        if (body.length() > 4096) {
            return "A WhatsApp message has at most 4096 characters.";
        }
        return send(new SenderApi.MessageRequest(contactId, body, null, null), idempotencyKey);
    }

    public String sendTemplate(String contactId, Long templateId, String idempotencyKey) {
        if (templateId == null) {
            return "Pick a template first.";
        }
        return send(new SenderApi.MessageRequest(contactId, null, templateId, null), idempotencyKey);
    }

    private String send(SenderApi.MessageRequest request, String idempotencyKey) {
        try {
            SenderApi.MessageResult result = sender.send(request, blankToNull(idempotencyKey));
            Log.infof("message to %s: %s", ContactIds.mask(request.contactId()), result.status());
            return null;
        } catch (UpstreamException e) {
            return switch (e.type() == null ? "" : e.type()) {
                case "window-closed" -> "The window has closed: free-form text cannot be sent. Send a template instead.";
                case "opted-out" -> "This contact opted out: nothing was sent.";
                case "template-not-approved" -> "That template is not approved: nothing was sent.";
                default -> message(e);
            };
        }
    }

    /** A sentence for the page from any failed call. */
    static String message(UpstreamException e) {
        return e.detail() == null ? e.title() : e.title() + ": " + e.detail();
    }

    private static String instant(String field, String value) {
        Instant instant = InputInstants.parse(field, value);
        return instant == null ? null : instant.toString();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT).equals("any") ? null : value.trim();
    }

    private static boolean notBlank(String value) {
        return blankToNull(value) != null;
    }

    private static Instant min(Instant a, Instant... others) {
        Instant m = a;
        for (Instant o : others) {
            if (o != null && o.isBefore(m)) {
                m = o;
            }
        }
        return m;
    }

    private static Instant max(Instant a, Instant... others) {
        Instant m = a;
        for (Instant o : others) {
            if (o != null && o.isAfter(m)) {
                m = o;
            }
        }
        return m;
    }
}
