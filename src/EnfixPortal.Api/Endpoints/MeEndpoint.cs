using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Runtime.CompilerServices;

namespace EnfixPortal.Api.Endpoints;

public static class MeEndpoint
{
    /// <summary>Each pair's answer, serialized once (decision 007).</summary>
    private static readonly PairAnswers<JsonOkSerialized<MeItem>> Answers = new(caller => new(JsonBody.Serialize(ItemOf(caller))));

    /// <summary><c>GET /api/v1/me</c>: who the token pair speaks for, and when each of the two tokens expires.</summary>
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder api)
    {
        api.MapGet("/me", Me).WithTags("Users").RequireTokenPair();
        api.MapOtherMethods("/me", "GET").ExcludeFromDescription();
        return api;
    }

    private static JsonOkSerialized<MeItem> Me(HttpContext http) => Answers.For(http.Features.GetRequiredFeature<TokenPrincipal>());

    private static MeItem ItemOf(TokenPrincipal caller) => new(caller.UserId, caller.UserName, caller.Roles, caller.EffectiveScopes?.Sorted,
        new TokenInUse(caller.AppToken.Accessor, "app", caller.AppToken.ExpiresAt, caller.AppToken.Scopes?.Sorted),
        new TokenInUse(caller.UserToken.Accessor, TokenKindNames.Of(caller.UserToken.Kind), caller.UserToken.ExpiresAt,
            caller.UserToken.Scopes?.Sorted));
}
