using EnfixPortal.Api.Infrastructure.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EnfixPortal.Api.Gateway;

/// <summary>Puts <c>/api/v1/auth/check</c> in the OpenAPI document. The framework lists operations by method and leaves out
/// an endpoint that takes any method, so the check is described here as the <c>GET</c> most gateways send, with the other
/// methods and the path after the check said in its description.</summary>
public static class AuthCheckDocument
{
    public static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellation)
    {
        // Every other operation answers errors too, so the document holds the error body's schema.
        var error = new OpenApiSchemaReference(nameof(ApiErrorBody), document);
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        OpenApiResponse Error(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = error } },
        };
        var operation = new OpenApiOperation
        {
            Tags = new HashSet<OpenApiTagReference> { new("Gateway", document) },
            Summary = "Forward-auth check: may this token pair pass the gateway?",
            Description = "Any method is accepted (a gateway may forward the original one) and any path may follow " +
                $"`{AuthCheckEndpoint.Path}/`; the body is never read. A good pair is answered 200 with an empty body and the " +
                "identity headers, for the gateway to pass to its upstream.",
            Parameters =
            [
                new OpenApiParameter
                {
                    Name = RequiredScopes.Field, In = ParameterLocation.Query, Style = ParameterStyle.Form, Explode = true,
                    Description = "A scope the pair must carry; repeat it to require several.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = text },
                },
            ],
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "The pair is good.",
                    Headers = IdentityHeaders.Described.ToDictionary(h => h.Name, h => (IOpenApiHeader)new OpenApiHeader { Description = h.Meaning, Schema = text }),
                },
                ["400"] = Error("A `scope` is empty or malformed."),
                ["401"] = Error("A token is missing, unknown, expired or revoked."),
                ["403"] = Error("The pair lacks a required scope."),
                ["500"] = Error("Internal Server Error"),
            },
            Security =
            [
                new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(ApiDocs.AppTokenScheme, document)] = [],
                    [new OpenApiSecuritySchemeReference(ApiDocs.UserTokenScheme, document)] = [],
                },
            ],
        };
        document.Paths ??= [];
        document.Paths["/api/v1" + AuthCheckEndpoint.Path] = new OpenApiPathItem { Operations = new() { [HttpMethod.Get] = operation } };
        return Task.CompletedTask;
    }
}
