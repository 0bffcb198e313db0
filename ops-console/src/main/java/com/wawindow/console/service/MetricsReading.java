package com.wawindow.console.service;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single figures out of a Prometheus text page: the largest sample of a name whose labels hold some values. */
final class MetricsReading {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? ([-+0-9.eE]+|NaN)$");

    private MetricsReading() {
    }

    /** @return the largest value of {@code name} among samples carrying every label of {@code labels}, if any */
    static OptionalDouble max(String page, String name, String... labels) {
        Matcher m = SAMPLE.matcher(page);
        double max = Double.NEGATIVE_INFINITY;
        boolean found = false;
        while (m.find()) {
            if (!m.group(1).equals(name)) {
                continue;
            }
            String tags = m.group(2) == null ? "" : m.group(2);
            boolean all = true;
            for (String label : labels) {
                all &= tags.contains(label);
            }
            if (!all || m.group(3).equals("NaN")) {
                continue;
            }
            max = Math.max(max, Double.parseDouble(m.group(3)));
            found = true;
        }
        return found ? OptionalDouble.of(max) : OptionalDouble.empty();
    }
}
