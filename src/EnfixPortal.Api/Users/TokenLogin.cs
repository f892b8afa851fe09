using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;

namespace EnfixPortal.Api.Users;

/// <summary>Login for API clients: an app token, then a username and password (with lockout), then a new login token.
/// It sits above users and tokens and calls both; neither calls it.</summary>
public sealed class TokenLogin(TokenValidator validator, PasswordSignIn signIn, TokenService tokens)
{
    public async Task<ServiceResult<CreatedToken>> LogInAsync(Actor actor, string? appToken, string? userName, string? password,
        CancellationToken ct = default)
    {
        var app = await validator.ValidateAppTokenAsync(appToken, ct);
        if (app.Error is { } badApp) return badApp;
        var user = await signIn.CheckAsync(actor, userName, password, ct);
        if (user.Error is { } refused) return refused;
        var self = actor with { UserId = user.Value!.Id, UserName = user.Value.UserName };
        return await tokens.IssueLoginTokenAsync(self, user.Value, app.Value, ct);
    }
}
