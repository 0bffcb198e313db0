package com.wawindow.tracker.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An ISO-8601 instant such as {@code 2026-01-31T09:00:00Z}, or absent. A String checked here rather than an
 * {@code Instant} parameter: JAX-RS answers a query parameter it cannot convert with 404, where this is a 400.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoInstant.Validator.class)
public @interface IsoInstant {

    String message() default "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IsoInstant, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return parse(value) != null || value == null || value.isBlank();
        }

        static Instant parse(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
