package com.wawindow.support.problem;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Anything no other mapper knows is a bug: logged with its stack, answered 500 problem JSON without internals.
 * Off where a service signs people in itself ({@code api.enabled=false}): there the security layer's own
 * exceptions (redirect to the sign-in page) must reach the framework.
 */
@IfBuildProperty(name = "api.enabled", stringValue = "true", enableIfMissing = true)
public class UnexpectedErrorMapper {

    @ServerExceptionMapper
    public Response unexpected(Exception exception) {
        Log.errorf(exception, "unexpected error answered 500");
        return Problems.response(ProblemType.INTERNAL_ERROR, "an unexpected error; it was logged");
    }
}
