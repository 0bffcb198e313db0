package com.wawindow.sender.client;

import java.util.List;

/** Measures a rate the way a strict receiver would: the most events in any sliding one-second window. */
public final class RateWindows {

    private RateWindows() {
    }

    public static int maxInAnySecond(List<Long> epochMillis) {
        long[] times = epochMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        int max = 0;
        int start = 0;
        for (int end = 0; end < times.length; end++) {
            while (times[end] - times[start] >= 1000) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }
}
