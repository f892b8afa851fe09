using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Tests.Api;

/// <summary>What each API endpoint asks of its caller, as <see cref="TokenAuthentication"/> reads it from the endpoint's
/// metadata. The authorization matrix proves the answers; these prove the reading cannot let an endpoint through unchecked.</summary>
public sealed class ApiPoliciesTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public void EveryApiEndpointOfTheHostNamesAPolicyTheApiJudges()
    {
        var endpoints = api.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.OrdinalIgnoreCase) == true).ToList();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} API endpoints found");
        foreach (var endpoint in endpoints) ApiPolicies.AccessOf(endpoint); // throws on authorization the API does not judge

        Assert.Equal(ApiAccess.Caller, Single(endpoints, "/api/v1/me", "GET"));
        Assert.Equal(ApiAccess.Admin, Single(endpoints, "/api/v1/users/", "GET"));
        Assert.Equal(ApiAccess.Open, Single(endpoints, "/api/v1/token/", "POST"));
    }

    [Fact]
    public void TheStrictestPolicyCountsAndAllowAnonymousWins()
    {
        Assert.Equal(ApiAccess.Admin, ApiPolicies.AccessOf(With(new AuthorizeAttribute(ApiPolicies.Caller), new AuthorizeAttribute(ApiPolicies.Admin))));
        Assert.Equal(ApiAccess.Admin, ApiPolicies.AccessOf(With(new AuthorizeAttribute(ApiPolicies.Admin), new AuthorizeAttribute(ApiPolicies.Caller))));
        Assert.Equal(ApiAccess.Open, ApiPolicies.AccessOf(With(new AuthorizeAttribute(ApiPolicies.Admin), new AllowAnonymousAttribute())));
        Assert.Equal(ApiAccess.Open, ApiPolicies.AccessOf(With()));
        Assert.Equal(ApiAccess.Open, ApiPolicies.AccessOf(null));
    }

    [Theory]
    [InlineData("SomeOtherPolicy", null, null)]
    [InlineData(null, null, null)]
    [InlineData(ApiPolicies.Caller, "admin", null)]
    [InlineData(ApiPolicies.Caller, null, "Cookies")]
    public void AuthorizationTheApiDoesNotJudgeFailsInsteadOfLettingTheRequestThrough(string? policy, string? roles, string? schemes)
    {
        var endpoint = With(new AuthorizeAttribute { Policy = policy, Roles = roles, AuthenticationSchemes = schemes });
        var error = Assert.Throws<InvalidOperationException>(() => ApiPolicies.AccessOf(endpoint));
        Assert.Contains("does not judge", error.Message);
    }

    private static ApiAccess Single(List<RouteEndpoint> endpoints, string pattern, string method) => ApiPolicies.AccessOf(endpoints.Single(e =>
        string.Equals(e.RoutePattern.RawText?.TrimEnd('/'), pattern.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
        && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true));

    private static Endpoint With(params object[] metadata) => new(_ => Task.CompletedTask, new EndpointMetadataCollection(metadata), "test");
}
