package com.wawindow.sender.messaging;

/**
 * A record that can never be processed (undecodable, or missing what every record of its topic carries). The
 * consumer's nack sends it to {@code <topic>.dlq}, with this message as the {@code dead-letter-reason} header.
 */
public class UnprocessableRecord extends RuntimeException {

    public UnprocessableRecord(String reason, Throwable cause) {
        super(reason, cause);
    }

    public UnprocessableRecord(String reason) {
        super(reason);
    }
}
