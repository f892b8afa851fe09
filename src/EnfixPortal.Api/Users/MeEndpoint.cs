using System.Runtime.CompilerServices;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace EnfixPortal.Api.Users;

public static class MeEndpoint
{
    /// <summary>Each user token's last answer, kept beside the validation cache's entry for it (and dropped with it).
    /// The answer shows nothing but what the cache holds, and the cache replaces a token's or user's entry whenever it
    /// changes (a new expiry, a revocation, any change to the user), so an answer is reused only while the three entries
    /// it was made from are still the ones in use.</summary>
    private static readonly ConditionalWeakTable<CachedToken, MeAnswer> Answers = new();

    /// <summary><c>GET /api/v1/me</c>: who the token pair speaks for, and when each of the two tokens expires.</summary>
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder api)
    {
        api.MapGet("/me", Me).WithTags("Users").RequireAuthorization(ApiPolicies.Caller);
        api.MapOtherMethods("/me", "GET").ExcludeFromDescription();
        return api;
    }

    private static JsonOkSerialized<MeItem> Me(HttpContext http)
    {
        var caller = http.Features.GetRequiredFeature<TokenPrincipal>();
        if (!Answers.TryGetValue(caller.UserToken, out var answer) || !answer.Shows(caller))
        {
            answer = new MeAnswer(caller.AppToken, caller.Owner, new(JsonBody.Serialize(ItemOf(caller))));
            Answers.AddOrUpdate(caller.UserToken, answer);
        }
        return answer.Result;
    }

    private static MeItem ItemOf(TokenPrincipal caller) => new(caller.UserId, caller.UserName, caller.Roles,
        new TokenInUse(caller.AppToken.Accessor, "app", caller.AppToken.ExpiresAt),
        new TokenInUse(caller.UserToken.Accessor, UserTokenItem.KindName(caller.UserToken.Kind), caller.UserToken.ExpiresAt));

    /// <summary>An answer and the entries it was made from. The cache refreshes a user's entry whenever it loads one of
    /// their tokens, so today a new user entry comes with a new token entry anyway; comparing the owner too keeps the
    /// answer right without relying on that.</summary>
    private sealed record MeAnswer(CachedToken AppToken, CachedUser Owner, JsonOkSerialized<MeItem> Result)
    {
        public bool Shows(TokenPrincipal caller) => ReferenceEquals(AppToken, caller.AppToken) && ReferenceEquals(Owner, caller.Owner);
    }
}
