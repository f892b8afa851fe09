using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>A built-in scope an endpoint requires of a scoped token pair (<see cref="TokenPrincipal.Allows"/>): endpoint
/// metadata that the authorization middleware adds to the endpoint's policy, judged after the pair and the caller's role;
/// listed in the OpenAPI document.</summary>
public sealed class RequiredScope(string scope) : AuthorizationHandler<RequiredScope>, IAuthorizationRequirement, IAuthorizationRequirementData
{
    public string Scope => scope;

    public string Refusal => $"The tokens of this request do not carry the {Scope} scope that this endpoint requires.";

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [this];

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RequiredScope requirement)
    {
        if (context.Resource is HttpContext http && http.Features.Get<TokenPrincipal>() is { } caller && caller.Allows(Scope))
            context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, Refusal));
        return Task.CompletedTask;
    }
}

public static class ApiScopes
{
    public static TBuilder RequiresScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope)).ProducesApiErrors(StatusCodes.Status403Forbidden);
}
