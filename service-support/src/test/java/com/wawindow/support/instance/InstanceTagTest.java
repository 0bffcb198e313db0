package com.wawindow.support.instance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The instance id (INSTANCE_ID, here from the test's configuration) on readiness, open to probes, and on meters. */
@QuarkusTest
class InstanceTagTest {

    @Inject
    MeterRegistry registry;

    @Test
    void readinessNamesTheInstanceWithoutACredential() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'instance' }.data.id", equalTo("probe-instance-7"));
    }

    @Test
    void everyMeterCarriesTheInstanceTag() {
        Counter counter = registry.counter("probe.instance.tagged");
        assertEquals("probe-instance-7", counter.getId().getTag("instance"));
    }
}
