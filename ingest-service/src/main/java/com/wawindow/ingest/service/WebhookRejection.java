package com.wawindow.ingest.service;

/** A webhook this service refuses, with what the caller is told. Carries no stack trace: it is not a bug. */
public class WebhookRejection extends RuntimeException {

    private final Rejection rejection;

    public WebhookRejection(Rejection rejection, String detail) {
        super(detail, null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    public String detail() {
        return getMessage();
    }
}
