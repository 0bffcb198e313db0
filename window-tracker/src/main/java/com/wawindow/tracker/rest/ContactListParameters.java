package com.wawindow.tracker.rest;

import com.wawindow.tracker.service.ContactQuery;
import com.wawindow.tracker.service.ContactQuery.Segment;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.util.Locale;

/**
 * The query string of {@code GET /contacts}. Bean Validation checks each value's form (a violation is the kit's
 * 400 invalid-request problem naming the field).
 */
public class ContactListParameters {

    /** {@code open}, {@code closed} or {@code expiring-soon}; every state when absent. */
    @QueryParam("state")
    @Pattern(regexp = "(?i)open|closed|expiring-soon", message = "must be open, closed or expiring-soon")
    public String state;

    /** ISO-8601 instant, e.g. 2026-01-31T09:00:00Z: only contacts whose last message came after it. */
    @QueryParam("lastMessageAfter")
    @IsoInstant
    public String lastMessageAfter;

    /** ISO-8601 instant: only contacts whose last message came before it. */
    @QueryParam("lastMessageBefore")
    @IsoInstant
    public String lastMessageBefore;

    @QueryParam("optedOut")
    @Pattern(regexp = "(?i)true|false", message = "must be true or false")
    public String optedOut;

    /** A number, or a part of one (at least 3 digits), in any form: {@code +62 812}, {@code whatsapp:+62812...}. */
    @QueryParam("search")
    @jakarta.validation.constraints.Size(max = 64, message = "must be at most 64 characters")
    public String search;

    /**
     * {@code lastMessageAt,desc} (newest first), {@code lastMessageAt,asc}, or {@code contactId}: the one order a
     * contact who writes while a client pages through does not move in (a campaign reads every contact once).
     */
    @QueryParam("sort")
    @DefaultValue("lastMessageAt,desc")
    @Pattern(regexp = "lastMessageAt(,asc|,desc)?|contactId(,asc)?",
            message = "must be lastMessageAt,asc, lastMessageAt,desc or contactId")
    public String sort;

    /**
     * Page size, at most {@value ContactQuery#MAX_LIMIT}: a larger one is refused, not clamped. A String checked by
     * pattern, because JAX-RS answers an {@code int} parameter it cannot convert with 404.
     */
    @QueryParam("limit")
    @DefaultValue("" + ContactQuery.DEFAULT_LIMIT)
    @Pattern(regexp = "0*([1-9][0-9]{0,2}|1000)", message = "must be a whole number from 1 to " + ContactQuery.MAX_LIMIT)
    public String limit;

    /** The {@code nextCursor} of the previous page. */
    @QueryParam("cursor")
    public String cursor;

    ContactQuery toQuery() {
        return new ContactQuery(segment(), IsoInstant.Validator.parse(lastMessageAfter),
                IsoInstant.Validator.parse(lastMessageBefore),
                optedOut == null ? null : Boolean.valueOf(optedOut.toLowerCase(Locale.ROOT)), search,
                !sort.endsWith(",desc"), sort.startsWith("contactId"), cursor, Integer.parseInt(limit));
    }

    private Segment segment() {
        return state == null ? null : Segment.valueOf(state.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
