package it.segreteria.voicemail.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST APIs live under {@code /api}: the operator's ({@code /api/tenants}, …) and the
 * employees' ({@code /api/v1}). Payara publishes their MicroProfile OpenAPI document at {@code
 * /openapi} (for the operator: docs/operations.md).
 */
@ApplicationPath("api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Segreteria virtuale",
                        version = "1",
                        description =
                                "Multi-tenant voicemail. /api/v1: an employee's own messages,"
                                        + " greetings and PIN, with a Keycloak access token"
                                        + " (docs/api.md). The rest of /api: the platform"
                                        + " operator, HTTP Basic."),
        tags = {
            @Tag(name = "employee", description = "the caller's own mailbox (/api/v1)"),
        })
@SecuritySchemes({
    @SecurityScheme(
            securitySchemeName = "keycloak",
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            bearerFormat = "JWT",
            description =
                    "an access token of the company's Keycloak realm with audience voicemail-api"),
    @SecurityScheme(
            securitySchemeName = "operator",
            type = SecuritySchemeType.HTTP,
            scheme = "basic")
})
public class JaxRsConfiguration extends Application {}
