using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>A built-in scope an endpoint requires of a scoped token pair, judged by <see cref="TokenAuthentication"/>
/// after the pair and the caller's role (<see cref="TokenPrincipal.Allows"/>); listed in the OpenAPI document.</summary>
public sealed record RequiredScope(string Scope)
{
    public static RequiredScope? Of(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<RequiredScope>();

    public string Refusal => $"The tokens of this request do not carry the {Scope} scope that this endpoint requires.";
}

public static class ApiScopes
{
    public static TBuilder RequiresScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope)).ProducesApiErrors(StatusCodes.Status403Forbidden);
}
