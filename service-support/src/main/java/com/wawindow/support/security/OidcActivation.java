package com.wawindow.support.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * OIDC is on exactly when an identity provider is named ({@code quarkus.oidc.auth-server-url}, e.g. the environment's
 * {@code QUARKUS_OIDC_AUTH_SERVER_URL}), unless {@code quarkus.oidc.tenant-enabled} is set explicitly. Without this a
 * service with the OIDC extension refuses to start until a provider is configured, and API keys alone would not do.
 */
@Priority(Priorities.LIBRARY + 100)
public class OidcActivation implements ConfigSourceInterceptor {

    static final String TENANT_ENABLED = "quarkus.oidc.tenant-enabled";
    static final String AUTH_SERVER_URL = "quarkus.oidc.auth-server-url";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!TENANT_ENABLED.equals(name) || (value != null && value.getConfigSourceOrdinal() > Integer.MIN_VALUE)) {
            return value;
        }
        ConfigValue server = context.proceed(AUTH_SERVER_URL);
        boolean named = server != null && server.getValue() != null && !server.getValue().isBlank();
        return ConfigValue.builder().withName(name).withValue(String.valueOf(named))
                .withConfigSourceName("service-support: OIDC on when " + AUTH_SERVER_URL + " is set")
                .withConfigSourceOrdinal(Integer.MIN_VALUE + 1).build();
    }
}
