package com.wawindow.tracker.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An inbound message already applied: its second delivery is skipped. */
@Entity
@Table(name = "processed_message")
public class ProcessedMessage {

    @Id
    @Column(name = "message_sid")
    public String messageSid;

    @Column(name = "processed_at")
    public Instant processedAt;
}
