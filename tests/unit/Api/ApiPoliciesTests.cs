using System.Text.Json;
using EnfixPortal.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Tests.Api;

/// <summary>What each API endpoint asks of its caller, as the framework's authorization reads it from the endpoint's
/// metadata. The authorization matrix proves the answers; these prove that no API endpoint can be judged by the portal's
/// cookie, and that a refusal the API did not foresee still answers in its shape rather than with a redirect.</summary>
public sealed class ApiPoliciesTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task EveryProtectedApiEndpointAuthenticatesWithTheTokenPairAlone()
    {
        var endpoints = api.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.OrdinalIgnoreCase) == true).ToList();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} API endpoints found");
        var provider = api.Get<IAuthorizationPolicyProvider>();
        var protectedCount = 0;
        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var policy = await AuthorizationPolicy.CombineAsync(provider, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
            if (policy is null) continue;
            protectedCount++;
            Assert.True(policy.AuthenticationSchemes.SequenceEqual([TokenAuthenticationHandler.SchemeName]),
                $"{endpoint.DisplayName} authenticates with {string.Join(", ", policy.AuthenticationSchemes)}");
        }
        Assert.True(protectedCount > 15, $"only {protectedCount} protected API endpoints found");

        Assert.Equal([ApiPolicies.Caller], PoliciesOf(endpoints, "/api/v1/me", "GET"));
        Assert.Contains(ApiPolicies.Admin, PoliciesOf(endpoints, "/api/v1/users/", "GET"));
        Assert.Empty(PoliciesOf(endpoints, "/api/v1/token/", "POST"));
    }

    [Fact]
    public async Task AnApiRefusalIsAnErrorInTheApisShapeNeverARedirect()
    {
        var results = api.Get<IAuthorizationMiddlewareResultHandler>();
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();

        var challenged = await AnswerAsync(results, policy, PolicyAuthorizationResult.Challenge());
        Assert.Equal(StatusCodes.Status401Unauthorized, challenged.StatusCode);
        Assert.Equal("Send the App-Token and Token headers.", ErrorOf(challenged, "token"));

        var refusal = AuthorizationFailure.Failed([new AuthorizationFailureReason(new AdministratorRequirement(), AdministratorRequirement.Refusal)]);
        var forbidden = await AnswerAsync(results, policy, PolicyAuthorizationResult.Forbid(refusal));
        Assert.Equal(StatusCodes.Status403Forbidden, forbidden.StatusCode);
        Assert.Equal(AdministratorRequirement.Refusal, ErrorOf(forbidden, "permission"));
    }

    private async Task<HttpResponse> AnswerAsync(IAuthorizationMiddlewareResultHandler results, AuthorizationPolicy policy,
        PolicyAuthorizationResult result)
    {
        var http = new DefaultHttpContext { RequestServices = api.Get<IServiceScopeFactory>().CreateScope().ServiceProvider };
        http.Request.Path = "/api/v1/users/";
        http.Response.Body = new MemoryStream();
        await results.HandleAsync(_ => throw new InvalidOperationException("a refused request reached its endpoint"), http, policy, result);
        Assert.False(http.Response.Headers.ContainsKey("Location"));
        return http.Response;
    }

    private static string? ErrorOf(HttpResponse response, string field)
    {
        response.Body.Position = 0;
        using var body = JsonDocument.Parse(response.Body);
        return body.RootElement.GetProperty("errors").GetProperty(field).GetString();
    }

    private static List<string?> PoliciesOf(List<RouteEndpoint> endpoints, string pattern, string method) => endpoints.Single(e =>
            string.Equals(e.RoutePattern.RawText?.TrimEnd('/'), pattern.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true)
        .Metadata.GetOrderedMetadata<IAuthorizeData>().Select(d => d.Policy).ToList();
}
