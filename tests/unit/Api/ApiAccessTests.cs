using EnfixPortal.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EnfixPortal.Tests.Api;

/// <summary>What each API endpoint asks of its caller, as <see cref="TokenAuthentication"/> reads it from the endpoint's
/// metadata. The authorization matrix proves the answers; these prove the reading, and that no API endpoint carries
/// the framework's authorization data, which nothing in the /api branch would judge.</summary>
public sealed class ApiAccessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void EachApiEndpointNamesWhatItNeedsAndTheMostSpecificDeclarationWins()
    {
        var endpoints = ApiEndpoints();

        Assert.Equal(ApiAccess.Caller, AccessOf(endpoints, "/api/v1/me", "GET"));
        Assert.Equal(ApiAccess.Caller, AccessOf(endpoints, "/api/v1/app_tokens/{id}", "PATCH"));
        Assert.Equal(ApiAccess.Admin, AccessOf(endpoints, "/api/v1/users/", "GET"));
        Assert.Equal(ApiAccess.Open, AccessOf(endpoints, "/api/v1/token/", "POST"));
        // A 405 inside an administrators' group is answered before any token check: the methods of a path are no secret.
        Assert.Equal(ApiAccess.Open, AccessOf(endpoints, "/api/v1/users/", "PUT"));
        Assert.Equal(ApiAccess.Open, ApiAccessRequirement.Of((Endpoint?)null));
    }

    [Fact]
    public void NoApiEndpointCarriesTheFrameworksAuthorizationData()
    {
        var endpoints = ApiEndpoints();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} API endpoints found");
        Assert.Empty(endpoints.Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null || e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.DisplayName));
    }

    private List<RouteEndpoint> ApiEndpoints() => api.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.OrdinalIgnoreCase) == true).ToList();

    private static ApiAccess AccessOf(List<RouteEndpoint> endpoints, string pattern, string method) => ApiAccessRequirement.Of(endpoints.Single(e =>
        string.Equals(e.RoutePattern.RawText?.TrimEnd('/'), pattern.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
        && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true));
}
