package com.wawindow.support.failure;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * One walk of a failure's cause chain for every service. The walk stops at a cause that names itself as its own cause
 * (some drivers do) and after a bounded number of links, so a cyclic chain cannot hang a consumer thread.
 */
public final class Causes {

    private static final int MAX_DEPTH = 64;

    private Causes() {
    }

    /** The first link of the chain, starting with {@code failure} itself, that is an instance of {@code type}. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return first(failure, type::isInstance).map(type::cast);
    }

    /** The first link of the chain, starting with {@code failure} itself, that {@code test} accepts. */
    public static Optional<Throwable> first(Throwable failure, Predicate<Throwable> test) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (test.test(cause)) {
                return Optional.of(cause);
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return Optional.empty();
    }

    /** Whether any link of the chain, starting with {@code failure} itself, is an instance of {@code type}. */
    public static boolean any(Throwable failure, Class<? extends Throwable> type) {
        return first(failure, type::isInstance).isPresent();
    }

    /** The last link of the chain: the failure nothing else explains. */
    public static Throwable root(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; depth < MAX_DEPTH && cause.getCause() != null && cause.getCause() != cause; depth++) {
            cause = cause.getCause();
        }
        return cause;
    }
}
