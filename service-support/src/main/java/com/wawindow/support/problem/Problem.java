package com.wawindow.support.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem details body; {@code type} is stable per kind of error ({@link ProblemType}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public final class Problem {

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private String instance;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    @JsonCreator
    public Problem(@JsonProperty("type") String type, @JsonProperty("title") String title,
            @JsonProperty("status") int status, @JsonProperty("detail") String detail,
            @JsonProperty("instance") String instance) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri().toString(), type.title(), type.status(), detail, null);
    }

    public Problem instance(String instance) {
        this.instance = instance;
        return this;
    }

    /** An extension member (e.g. {@code violations}, {@code retryAfterSeconds}). */
    @JsonAnySetter
    public Problem with(String key, Object value) {
        extensions.put(key, value);
        return this;
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public String toString() {
        return status + " " + type + (detail == null ? "" : ": " + detail);
    }
}
