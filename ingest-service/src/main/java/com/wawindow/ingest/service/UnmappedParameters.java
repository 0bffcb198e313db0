package com.wawindow.ingest.service;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tracks which form parameters went into an event's own fields, so that everything else lands in
 * {@code otherParameters} and nothing Twilio sent is dropped. A name sent again keeps its later values as
 * {@code Name[2]}, {@code Name[3]} ...
 */
final class UnmappedParameters {

    private final FormParameters form;
    private final Set<String> mapped = new HashSet<>();

    UnmappedParameters(FormParameters form) {
        this.form = form;
    }

    /** The first value of {@code name}, which from now on counts as mapped; null when absent. */
    String take(String name) {
        String value = form.first(name);
        if (value != null) {
            mapped.add(name);
        }
        return value;
    }

    /** The first value of {@code name} when it is present and not blank, then mapped; else null and left over. */
    String takeNonBlank(String name) {
        String value = form.first(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        mapped.add(name);
        return value;
    }

    void markMapped(String name) {
        mapped.add(name);
    }

    /** For a value that could not be mapped after all: it goes to {@code otherParameters} as sent. */
    void unmark(String name) {
        mapped.remove(name);
    }

    Map<String, String> rest() {
        Map<String, String> rest = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (FormParameters.Parameter parameter : form.all()) {
            int occurrence = seen.merge(parameter.name(), 1, Integer::sum);
            if (occurrence == 1 && mapped.contains(parameter.name())) {
                continue;
            }
            String key = occurrence == 1 ? parameter.name() : parameter.name() + "[" + occurrence + "]";
            rest.putIfAbsent(key, parameter.value());
        }
        return rest;
    }
}
