CREATE TABLE console_user (
    id            BIGSERIAL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    roles         VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL
);

CREATE TABLE started_campaign (
    campaign_id   BIGINT PRIMARY KEY,
    template_name VARCHAR(200) NOT NULL,
    segment       VARCHAR(300) NOT NULL,
    started_by    VARCHAR(64)  NOT NULL,
    started_at    TIMESTAMPTZ  NOT NULL
);
