package com.wawindow.sender.client;

import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.content.v1.ContentAndApprovals;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Twilio's Content API: {@code GET /v1/ContentAndApprovals}, every page, through the SDK. */
@ApplicationScoped
public class TwilioContent {

    /** One template as Twilio describes it, with its WhatsApp approval request (category, status, reason). */
    public record ContentTemplate(String sid, String friendlyName, String language, Map<String, Object> variables,
            String category, String status, String rejectionReason, String body) {
    }

    private final TwilioConnection connection;

    public TwilioContent(TwilioConnection connection) {
        this.connection = connection;
    }

    /**
     * @throws IllegalStateException in a dry run (callers ask {@link TwilioConnection#dryRun()} first)
     * @throws TwilioSendException when Twilio cannot be reached or refuses
     */
    public List<ContentTemplate> listWithApprovals() {
        TwilioRestClient client = connection.client()
                .orElseThrow(() -> new IllegalStateException("no Twilio credentials: nothing to sync from"));
        List<ContentTemplate> templates = new ArrayList<>();
        try {
            for (ContentAndApprovals content : ContentAndApprovals.reader().setPageSize(500).read(client)) {
                Map<String, Object> approval = asMap(content.getApprovalRequests());
                templates.add(new ContentTemplate(content.getSid(), content.getFriendlyName(), content.getLanguage(),
                        asMap(content.getVariables()), text(approval.get("category")), text(approval.get("status")),
                        text(approval.get("rejection_reason")), body(asMap(content.getTypes()))));
            }
        } catch (TwilioException e) {
            throw TwilioErrors.classify(e);
        }
        return templates;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The text of the first content type that has one ({@code twilio/text}, {@code twilio/quick-reply}, ...). */
    private static String body(Map<String, Object> types) {
        return types.values().stream().map(TwilioContent::asMap).map(type -> text(type.get("body")))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
