package com.wawindow.tracker.service;

import com.wawindow.tracker.repository.ContactDelta;
import com.wawindow.tracker.repository.InboundObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a batch of inbound messages into one row per contact, so one upsert statement applies the batch with exactly
 * the result of applying its messages one at a time, in order, with the row rules of {@code ContactRepository}.
 *
 * <p>The rules that only keep a maximum, a minimum or a count (window fields of the newest message, first seen, entry
 * point, consent of the newest consent message) fold whatever the stored row holds. Two rules depend on the order and on
 * the stored row: the business address and the profile name of a newer message fill in only when present, and an older
 * message fills in a missing profile name. A contact's messages fold into one row only while the folded row gives the
 * same result against any stored row (see {@link #foldable}); otherwise its messages are split into consecutive
 * segments, applied in rounds (round <i>k</i> holds each contact's <i>k</i>-th segment, one statement per round). Two
 * messages of a contact received at the same instant never fold together either: their order is the database's
 * collation of the message sids, which only the database knows. In practice a batch is one round.
 */
public final class InboundFold {

    private InboundFold() {
    }

    /**
     * @param messages the batch's new messages in the order they were consumed
     * @return the rounds to upsert in order, each sorted by contact id (concurrent batches lock rows in the same order)
     */
    public static List<List<ContactDelta>> rounds(List<InboundObservation> messages) {
        Map<String, List<List<InboundObservation>>> segmentsByContact = new LinkedHashMap<>();
        for (InboundObservation message : messages) {
            List<List<InboundObservation>> segments = segmentsByContact.computeIfAbsent(message.contactId(), id -> new ArrayList<>());
            List<InboundObservation> last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last != null && foldable(last, message)) {
                last.add(message);
            } else {
                List<InboundObservation> segment = new ArrayList<>(1);
                segment.add(message);
                segments.add(segment);
            }
        }
        List<List<ContactDelta>> rounds = new ArrayList<>();
        for (List<List<InboundObservation>> segments : segmentsByContact.values()) {
            for (int k = 0; k < segments.size(); k++) {
                if (rounds.size() == k) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(k).add(fold(segments.get(k)));
            }
        }
        for (List<ContactDelta> round : rounds) {
            round.sort(Comparator.comparing(ContactDelta::contactId));
        }
        return rounds;
    }

    /**
     * Whether {@code segment} plus {@code next} folded into one row (the newest message's fields) gives, against any
     * stored row, what the messages one by one give: no two at the same instant; the newest carries a business address
     * or none does; the newest carries a profile name equal to the first one present, or none does.
     */
    static boolean foldable(List<InboundObservation> segment, InboundObservation next) {
        InboundObservation newest = next;
        boolean anyBusiness = next.businessAddress() != null;
        String firstProfile = null;
        for (InboundObservation o : segment) {
            if (o.receivedAt().equals(next.receivedAt())) {
                return false;
            }
            if (o.receivedAt().isAfter(newest.receivedAt())) {
                newest = o;
            }
            anyBusiness |= o.businessAddress() != null;
            if (firstProfile == null) {
                firstProfile = o.profileName();
            }
        }
        if (firstProfile == null) {
            firstProfile = next.profileName();
        }
        if (anyBusiness && newest.businessAddress() == null) {
            return false;
        }
        return firstProfile == null || firstProfile.equals(newest.profileName());
    }

    private static ContactDelta fold(List<InboundObservation> segment) {
        InboundObservation newest = segment.get(0);
        InboundObservation consent = null;
        Instant first = newest.receivedAt();
        Instant entryPoint = null;
        for (InboundObservation o : segment) {
            if (o.receivedAt().isAfter(newest.receivedAt())) {
                newest = o;
            }
            if (o.receivedAt().isBefore(first)) {
                first = o.receivedAt();
            }
            if (o.entryPointExpiresAt() != null && (entryPoint == null || o.entryPointExpiresAt().isAfter(entryPoint))) {
                entryPoint = o.entryPointExpiresAt();
            }
            if (o.optedOut() != null && (consent == null || !o.receivedAt().isBefore(consent.receivedAt()))) {
                consent = o;
            }
        }
        return new ContactDelta(newest.contactId(), newest.messageSid(), newest.contactAddress(), newest.businessAddress(),
                newest.profileName(), first, newest.receivedAt(), segment.size(), newest.windowExpiresAt(), entryPoint,
                consent == null ? null : consent.optedOut(), consent == null ? null : consent.receivedAt(),
                newest.expiringSoonDue());
    }
}
