package com.wawindow.console.service;

import com.wawindow.console.client.SenderApi;
import com.wawindow.console.client.SenderClient;
import com.wawindow.console.client.UpstreamException;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sender's cost report (Meta's per-message pricing, estimated at each send) grouped by template, rule, campaign,
 * UTC day or pricing category. The grouping is checked here: a bad one never reaches the sender.
 */
@ApplicationScoped
public class CostService {

    /** What the report may be grouped by, in the selector's order; the first is the default. */
    public static final List<String> GROUPINGS = List.of("day", "template", "rule", "campaign", "category");

    private final SenderClient sender;

    public CostService(SenderClient sender) {
        this.sender = sender;
    }

    /** The page's filters as the form sends them: blank = the sender's default (day, the last 7 days). */
    public record Filters(String by, String from, String to) {
    }

    /** One group; {@code label} names a template or rule key (null when there is no name for it). */
    public record Line(SenderApi.CostRow row, String label) {
    }

    /** @param by the grouping shown in the selector (the asked one, even when it was refused) */
    public record View(String by, SenderApi.CostReport report, List<Line> lines, String error) {
    }

    public View report(Filters filters) {
        String by = ContactService.blankToNull(filters.by());
        by = by == null ? GROUPINGS.get(0) : by.toLowerCase(Locale.ROOT);
        try {
            if (!GROUPINGS.contains(by)) {
                throw new ProblemException(ProblemType.INVALID_REQUEST,
                        "group the costs by " + String.join(", ", GROUPINGS) + ", not '" + filters.by().strip() + "'");
            }
            Instant from = InputInstants.parse("from", filters.from());
            Instant to = InputInstants.parse("to", filters.to());
            if (from != null && to != null && !from.isBefore(to)) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "from must be before to");
            }
            SenderApi.CostReport report = sender.costs(by, from, to);
            Map<String, String> names = names(by);
            List<Line> lines = report.rows().stream().map(r -> new Line(r, names.get(r.key()))).toList();
            return new View(by, report, lines, null);
        } catch (ProblemException e) {
            return new View(by, null, List.of(), e.problem().getDetail());
        } catch (UpstreamException e) {
            return new View(by, null, List.of(), ContactService.message(e));
        }
    }

    /** A template's friendly name by Content SID, a rule's name by id; none when the sender does not list them. */
    private Map<String, String> names(String by) {
        Map<String, String> names = new HashMap<>();
        try {
            if ("template".equals(by)) {
                sender.templates().forEach(t -> names.put(t.contentSid(), t.friendlyName()));
            } else if ("rule".equals(by)) {
                sender.rules().forEach(r -> names.put(String.valueOf(r.id()), r.name()));
            }
        } catch (UpstreamException e) {
            // the keys alone still make the report
            names.clear();
        }
        return names;
    }
}
