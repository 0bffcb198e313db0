package com.wawindow.console.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Somebody who may sign in; the password is kept only as a bcrypt hash in Modular Crypt Format ({@code $2a$...}). */
@Entity
@Table(name = "console_user")
public class ConsoleUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    /** Comma-separated and cumulative: an admin is also an agent and a viewer. */
    public String roles;

    @Column(name = "created_at")
    public Instant createdAt;
}
