using EnfixPortal.Api.Common;
using EnfixPortal.Api.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>What an API endpoint answers when its policy is not met: 401 with the reason the token pair was refused (and
/// the <c>WWW-Authenticate</c> challenge), or 403; never a redirect. Everything else (a success, any portal page) goes
/// to the framework's own handling.</summary>
public sealed class ApiAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _framework = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !ApiBoundary.IsApi(context))
            return _framework.HandleAsync(next, context, policy, authorizeResult);
        var error = authorizeResult.Forbidden
            ? ServiceError.Forbidden("Only an administrator may do this.")
            : context.Features.Get<TokenRefusal>()?.Error
              ?? ServiceError.Unauthenticated(TokenValidator.AppTokenField, TokenValidator.MissingAppToken);
        return ApiError.From(error).ExecuteAsync(context);
    }
}
