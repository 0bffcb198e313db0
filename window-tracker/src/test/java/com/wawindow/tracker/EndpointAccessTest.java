package com.wawindow.tracker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.infra.ApiOperation;
import com.wawindow.infra.OpenApiOperations;
import com.wawindow.infra.TestApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the tracker's own OpenAPI document (so an endpoint added later cannot be forgotten), against the
 * real broker and database: no credential is a 401 problem with a challenge, a viewer key on a write is a 403 problem,
 * and the right role gets the normal answer. Prints the endpoint x role table.
 */
@QuarkusTest
class EndpointAccessTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @Test
    void everyOperationNeedsACredentialAndTheRoleItDeclares() {
        String contact = TrackerKafka.newContactId();
        TrackerKafka.get().publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TrackerApi.asViewer()
                .get("/contacts/{id}/window", contact).statusCode() == 200);

        List<ApiOperation> operations = OpenApiOperations.read(base.toString());
        assertTrue(operations.stream().map(ApiOperation::toString).collect(Collectors.toSet()).containsAll(
                Set.of("GET /contacts", "GET /contacts/stats", "GET /contacts/{contactId}/window")),
                "the document lists the tracker's operations: " + operations);

        List<String> table = new ArrayList<>();
        table.add(String.format("%-40s %-8s %-8s %-8s %-8s", "operation", "role", "no key", "viewer", "admin"));
        int checks = 0;
        for (ApiOperation operation : operations) {
            String path = operation.path(Map.of("contactId", contact));
            Response anonymous = call(operation, path, null);
            assertEquals(401, anonymous.statusCode(), operation + " without a key");
            assertTrue(anonymous.contentType().startsWith(PROBLEM_JSON), operation + ": " + anonymous.contentType());
            assertEquals("https://wawindow.dev/problems/unauthorized", anonymous.jsonPath().getString("type"));
            assertEquals("Bearer realm=\"wawindow\"", anonymous.header("WWW-Authenticate"), operation + " challenge");
            checks++;

            Response badKey = call(operation, path, "not-a-key");
            assertEquals(401, badKey.statusCode(), operation + " with an unknown key");
            assertTrue(!badKey.asString().contains("not-a-key"), "a 401 never repeats the key presented");
            checks++;

            Response viewer = call(operation, path, TestApiKeys.VIEWER);
            Response admin = call(operation, path, TestApiKeys.ADMIN);
            if (operation.isWrite()) {
                assertEquals(403, viewer.statusCode(), operation + " as viewer");
                assertTrue(viewer.contentType().startsWith(PROBLEM_JSON));
                assertNormal(operation, admin);
            } else {
                assertNormal(operation, viewer);
                assertNormal(operation, admin);
            }
            checks += 2;
            table.add(String.format("%-40s %-8s %-8d %-8d %-8d", operation, operation.isWrite() ? "admin" : "viewer",
                    anonymous.statusCode(), viewer.statusCode(), admin.statusCode()));
        }
        long writes = operations.stream().filter(ApiOperation::isWrite).count();
        table.add(String.format("%d operations (%d reads, %d writes), %d checks passed", operations.size(),
                operations.size() - writes, writes, checks));
        System.out.println("endpoint x role (window-tracker):\n" + String.join("\n", table));
    }

    private static void assertNormal(ApiOperation operation, Response response) {
        int status = response.statusCode();
        assertTrue(status < 500 && status != 401 && status != 403, operation + " answered " + status);
    }

    private static Response call(ApiOperation operation, String path, String key) {
        var request = given().urlEncodingEnabled(false);
        if (key != null) {
            request.header("Authorization", TestApiKeys.bearer(key));
        }
        return request.request(operation.method(), path);
    }
}
