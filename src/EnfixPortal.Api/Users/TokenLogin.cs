using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Tokens;

namespace EnfixPortal.Api.Users;

/// <summary>Login for API clients: an app token, then a username and password (with lockout), then a new login token.
/// It sits above users and tokens and calls both; neither calls it.</summary>
public sealed class TokenLogin(TokenValidator validator, PasswordSignIn signIn, TokenService tokens, EnfixMetrics metrics)
{
    public async Task<ServiceResult<CreatedToken>> LogInAsync(Actor actor, string? appToken, string? userName, string? password,
        TokenClient client = default, CancellationToken ct = default)
    {
        var app = await validator.ValidateAppTokenAsync(appToken, client, ct);
        if (app.Error is { } badApp) return badApp;
        var verified = await signIn.VerifyAsync(actor, userName, password, ct);
        if (verified.Error is { } refused) return refused;
        var (user, succeeded) = verified.Value!;
        var self = actor with { UserId = user.Id, UserName = user.UserName };
        // The sign-in's audit event goes into the token's own commit.
        var created = await tokens.IssueLoginTokenAsync(self, user, app.Value, succeeded, ct);
        metrics.LoginSucceeded();
        return created;
    }
}
