using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace EnfixPortal.Api.Users;

public static class MeEndpoint
{
    /// <summary><c>GET /api/v1/me</c>: who the token pair speaks for, and when each of the two tokens expires.</summary>
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder api)
    {
        api.MapGet("/me", Me).WithTags("Users").RequireAuthorization(ApiPolicies.Caller);
        api.MapOtherMethods("/me", "GET").ExcludeFromDescription();
        return api;
    }

    private static JsonOk<MeItem> Me(HttpContext http)
    {
        var caller = http.Features.GetRequiredFeature<TokenPrincipal>();
        return JsonResults.Ok(new MeItem(caller.UserId, caller.UserName, caller.Roles,
            new TokenInUse(caller.AppTokenAccessor, "app", caller.AppTokenExpiresAt),
            new TokenInUse(caller.UserTokenAccessor, UserTokenItem.KindName(caller.UserTokenKind), caller.UserTokenExpiresAt)));
    }
}
