package com.wawindow.ingest.service;

import java.util.Optional;

/**
 * What this service knows of the URL Twilio called, which the signature covers: the request as it arrived plus
 * the proxy's forwarded headers.
 *
 * @param scheme         scheme of the connection this service accepted
 * @param host           the {@code Host} header
 * @param forwardedProto {@code X-Forwarded-Proto}, null when absent
 * @param forwardedHost  {@code X-Forwarded-Host}, null when absent
 * @param forwardedPort  {@code X-Forwarded-Port}, null when absent
 * @param pathAndQuery   the request target as sent, still percent-encoded, query string included
 */
public record CalledUrl(String scheme, String host, String forwardedProto, String forwardedHost,
        String forwardedPort, String pathAndQuery) {

    /**
     * The URL to check the signature against: {@code publicUrl} plus path and query when configured, else
     * rebuilt from the forwarded headers, falling back to the request's own scheme and {@code Host}.
     */
    public String resolve(Optional<String> publicUrl) {
        if (publicUrl.isPresent()) {
            return stripTrailingSlash(withoutFragment(publicUrl.get().trim())) + pathAndQuery;
        }
        String proto = firstListValue(forwardedProto);
        String fwdHost = firstListValue(forwardedHost);
        String resolvedHost = fwdHost != null ? fwdHost : host == null ? "" : host.trim();
        String port = firstListValue(forwardedPort);
        if (fwdHost != null && port != null && !hasPort(resolvedHost)) {
            resolvedHost = resolvedHost + ":" + port;
        }
        return (proto != null ? proto : scheme) + "://" + resolvedHost + pathAndQuery;
    }

    private static String firstListValue(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String first = (comma < 0 ? header : header.substring(0, comma)).trim();
        return first.isEmpty() ? null : first;
    }

    private static boolean hasPort(String host) {
        int bracket = host.lastIndexOf(']');
        return host.indexOf(':', bracket + 1) >= 0;
    }

    /**
     * A public URL pasted with Twilio's connection overrides ({@code #rc=5&rp=5xx,ct,rt}) still names the same URL:
     * the fragment is never sent and Twilio leaves it out of the signature.
     */
    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
