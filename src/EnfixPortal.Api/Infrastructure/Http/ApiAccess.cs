using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>What an API endpoint asks of its caller, judged by <see cref="TokenAuthentication"/> in the /api branch.</summary>
public enum ApiAccess
{
    /// <summary>No token pair: the login (which checks its app token itself), a 405, the 404 of an unknown path.</summary>
    Open,
    /// <summary>A valid token pair.</summary>
    Caller,
    /// <summary>A valid token pair whose user is an administrator.</summary>
    Admin,
}

/// <summary>Endpoint metadata naming the <see cref="ApiAccess"/> an endpoint or a group needs. It is the API's own, not
/// the framework's authorization data: the token check runs without an authentication scheme, policy evaluator and
/// authorization service per request (decision 009 has the figures), and so the framework's authorization never
/// judges an API endpoint, nor does a portal cookie ever count. The most specific declaration wins: an endpoint's own
/// over its group's. An endpoint that names none is open.</summary>
public sealed record ApiAccessRequirement(ApiAccess Access)
{
    public static ApiAccess Of(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<ApiAccessRequirement>()?.Access ?? ApiAccess.Open;

    /// <summary>The same reading of an endpoint's metadata before it is built (the OpenAPI document's).</summary>
    public static ApiAccess Of(IEnumerable<object> metadata) => Of(new Endpoint(null, new EndpointMetadataCollection(metadata), null));
}

public static class ApiAccessRules
{
    /// <summary>The endpoints need a valid token pair.</summary>
    public static TBuilder RequireTokenPair<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessRequirement(ApiAccess.Caller));

    /// <summary>The endpoints need a valid token pair of an administrator; anyone else is answered 403.</summary>
    public static TBuilder RequireAdministrator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessRequirement(ApiAccess.Admin)).ProducesApiErrors(StatusCodes.Status403Forbidden);

    /// <summary>The endpoints need no token pair, whatever their group needs.</summary>
    public static TBuilder RequireNoTokens<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessRequirement(ApiAccess.Open));
}
