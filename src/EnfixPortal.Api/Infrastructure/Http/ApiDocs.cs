using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>), generated from the endpoints, and its reference page (<c>/scalar</c>).</summary>
public static class ApiDocs
{
    public const string AppTokenScheme = "AppToken";
    public const string UserTokenScheme = "UserToken";

    /// <summary>Adds the document; <paramref name="describers"/> add what the framework cannot see in the endpoints.</summary>
    public static IServiceCollection AddApiDocs(this IServiceCollection services,
        params Func<OpenApiDocument, OpenApiDocumentTransformerContext, CancellationToken, Task>[] describers) => services.AddOpenApi(options =>
    {
        foreach (var describe in describers) options.AddDocumentTransformer(describe);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Enfix API";
            document.Info.Description = "Every endpoint but login needs the App-Token and Token headers. Errors: {\"errors\": {field: message}}.\n\n" +
                "A token may carry scopes; a request may do what both of its tokens allow, within its user's roles. An endpoint's " +
                "security requirement lists the built-in scope a scoped token pair needs for it (an unscoped pair needs none):\n\n" +
                string.Join("\n", BuiltInScopes.All.Select(s => $"- `{s.Scope}`: {s.Allows}"));
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[AppTokenScheme] = Header("App-Token", "An app token (long-lived).");
            document.Components.SecuritySchemes[UserTokenScheme] = Header("Token", "A user token from POST /api/v1/token/ or an OBO token.");
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var open = ApiAccessRequirement.Of(context.Description.ActionDescriptor.EndpointMetadata) == ApiAccess.Open;
            operation.Security ??= [];
            List<string> scopes = [.. context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().Select(r => r.Scope)];
            var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AppTokenScheme, context.Document)] = scopes };
            if (!open) requirement[new OpenApiSecuritySchemeReference(UserTokenScheme, context.Document)] = [.. scopes];
            operation.Security.Add(requirement);
            return Task.CompletedTask;
        });
    });

    /// <summary>No default fonts: the reference page then fetches nothing from a third party.</summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("Enfix API reference").DisableDefaultFonts()).AllowAnonymous();
        return app;
    }

    /// <summary>Describes a request body in the document without <c>Accepts</c> metadata, which would make routing skip the
    /// endpoint for another content type (the /api catch-all would then answer 404 instead of our 415).</summary>
    public static RouteHandlerBuilder DocumentsBody<TBody>(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(TBody), null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Content = contentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        });

    private static OpenApiSecurityScheme Header(string name, string description) =>
        new() { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = name, Description = description };
}
