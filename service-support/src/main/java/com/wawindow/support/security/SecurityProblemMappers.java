package com.wawindow.support.security;

import com.wawindow.support.problem.Problem;
import com.wawindow.support.problem.ProblemType;
import com.wawindow.support.problem.Problems;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem JSON (proactive authentication is off, so the security exceptions reach these mappers).
 * The detail never repeats what was presented.
 */
@IfBuildProperty(name = "api.enabled", stringValue = "true", enableIfMissing = true)
public class SecurityProblemMappers {

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthorized(RuntimeException exception) {
        String detail = exception instanceof AuthenticationFailedException
                ? "the credential is not valid: send Authorization: Bearer <API key>"
                : "this endpoint needs a credential: send Authorization: Bearer <API key>";
        return Response.fromResponse(Problems.response(Problem.of(ProblemType.UNAUTHORIZED, detail)))
                .header(HttpHeaders.WWW_AUTHENTICATE, ApiKeyAuthenticationMechanism.CHALLENGE)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception) {
        return Problems.response(ProblemType.FORBIDDEN, "this credential's role does not allow this request");
    }
}
