using EnfixPortal.Api.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The API's two authorization policies, named on endpoints with <c>RequireAuthorization</c> and judged by the
/// framework's authorization middleware in the /api branch: both authenticate with the token pair
/// (<see cref="TokenAuthenticationHandler"/>) and no other scheme, so a portal cookie never counts. An endpoint may add a
/// <see cref="RequiredScope"/>. Refusals are answered by <see cref="ApiAuthorizationResults"/>, never with a redirect.</summary>
public static class ApiPolicies
{
    public const string Caller = "EnfixApiCaller";
    public const string Admin = "EnfixApiAdmin";

    public static IServiceCollection AddApiPolicies(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Caller, policy => policy.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Admin, policy => policy.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .AddRequirements(new AdministratorRequirement()));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>();
        return services;
    }
}

/// <summary>The caller's user is an administrator; refused with the reason the API answers.</summary>
public sealed class AdministratorRequirement : AuthorizationHandler<AdministratorRequirement>, IAuthorizationRequirement
{
    public const string Refusal = "Only an administrator may do this.";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        if (context.User.IsInRole(Roles.Admin)) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, Refusal));
        return Task.CompletedTask;
    }
}
