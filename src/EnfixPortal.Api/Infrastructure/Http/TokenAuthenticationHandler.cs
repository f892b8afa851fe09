using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The <c>App-Token</c> + <c>Token</c> header pair as an ASP.NET Core authentication scheme, checked by
/// <see cref="TokenValidator"/>. A refusal is a 401 with the reason; a missing permission a 403; never a redirect.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "EnfixToken";
    public const string AppTokenHeader = "App-Token";
    public const string UserTokenHeader = "Token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var validated = await validator.ValidateAsync(Single(AppTokenHeader), Single(UserTokenHeader), Context.RequestAborted);
        if (validated.Error is { } error)
        {
            Context.Features.Set(new TokenRefusal(error));
            return AuthenticateResult.Fail(error.Describe());
        }
        var principal = validated.Value!;
        Context.Features.Set(principal);
        return AuthenticateResult.Success(Tickets.GetValue(principal.Owner, NewTicket));
    }

    /// <summary>One ticket per cached user, made on its first request and dropped with it: the validation cache replaces
    /// the <see cref="CachedUser"/> whenever the user changes, so a ticket never outlives the user it describes. Nothing in
    /// the pipeline changes a principal once authenticated (no claims transformation is registered).</summary>
    private static readonly ConditionalWeakTable<CachedUser, AuthenticationTicket> Tickets = new();

    private static AuthenticationTicket NewTicket(CachedUser user)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.UserId), new(ClaimTypes.Name, user.UserName) };
        claims.AddRange(user.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var error = Context.Features.Get<TokenRefusal>()?.Error
            ?? ServiceError.Unauthenticated(TokenValidator.AppTokenField, "Send an app token in the App-Token header.");
        return ApiError.From(error).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiError.From(ServiceError.Forbidden("Only an administrator may do this.")).ExecuteAsync(Context);

    /// <summary>A header sent twice is not a token.</summary>
    private string? Single(string header) => Request.Headers[header] switch
    {
        { Count: 0 } => null,
        { Count: 1 } values => values[0],
        var values => string.Join(",", values.ToArray()),
    };

    private sealed record TokenRefusal(ServiceError Error);
}
