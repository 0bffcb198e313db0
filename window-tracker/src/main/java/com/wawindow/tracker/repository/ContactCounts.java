package com.wawindow.tracker.repository;

/** How many contacts are in each state; expiringSoon and entryPointOpen are subsets of open. */
public record ContactCounts(long open, long closed, long expiringSoon, long entryPointOpen, long optedOut, long total) {
}
