using EnfixPortal.Api.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>How a refused API request is answered, in the API's error shape: 401 (or 429) with the reason the token
/// scheme gave, 403 with the first requirement's reason. Whatever an API endpoint's authorization names, a refusal is
/// never a redirect to the portal's sign-in page. Other requests get the framework's own handling.</summary>
public sealed class ApiAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _framework = new();

    public Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded || !ApiBoundary.IsApi(http)) return _framework.HandleAsync(next, http, policy, result);
        if (result.Challenged)
            return (http.Features.Get<TokenRefusal>()?.Answer ?? ApiError.ForBareStatus(StatusCodes.Status401Unauthorized)).ExecuteAsync(http);
        var reason = result.AuthorizationFailure?.FailureReasons.FirstOrDefault()?.Message;
        return (reason is null ? ApiError.ForBareStatus(StatusCodes.Status403Forbidden) : ApiError.From(ServiceError.Forbidden(reason)))
            .ExecuteAsync(http);
    }
}
