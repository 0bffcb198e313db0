package com.wawindow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiOperationsTest {

    private static final String DOCUMENT = """
            {"openapi":"3.1.0","paths":{
              "/contacts/{id}/window":{"get":{},"parameters":[]},
              "/messages":{"post":{},"summary":"x"},
              "/q/health":{"get":{}},
              "/webhooks/twilio/whatsapp":{"post":{}},
              "/rules/{id}":{"put":{},"get":{}}
            }}""";

    @Test
    void listsEveryOperationButTheOpenOnes() throws Exception {
        List<ApiOperation> operations = OpenApiOperations.parse(DOCUMENT);
        assertEquals(List.of(new ApiOperation("GET", "/contacts/{id}/window"), new ApiOperation("POST", "/messages"),
                new ApiOperation("GET", "/rules/{id}"), new ApiOperation("PUT", "/rules/{id}")), operations);
    }

    @Test
    void writesAreTheStateChangingMethods() {
        assertTrue(new ApiOperation("post", "/m").isWrite());
        assertTrue(new ApiOperation("DELETE", "/m").isWrite());
        assertFalse(new ApiOperation("get", "/m").isWrite());
    }

    @Test
    void placeholdersAreFilledAndEncoded() {
        ApiOperation operation = new ApiOperation("GET", "/contacts/{id}/window/{other}");
        assertEquals("/contacts/%2B62%20812/window/x", operation.path(Map.of("id", "+62 812")));
    }
}
