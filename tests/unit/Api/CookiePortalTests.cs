using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Tests.Api;

/// <summary>The host as the portal sets it up: a sign-in cookie as the default scheme that redirects to a login page, and
/// a fallback policy that wants a signed-in user everywhere.</summary>
public sealed class CookiePortalHost : ApiFixture
{
    public CookiePortalHost() => Factory.TestServices = services =>
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options => options.LoginPath = "/account/login");
        services.AddAuthorization(options => options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    };
}

public sealed class CookiePortalTests(CookiePortalHost api) : IClassFixture<CookiePortalHost>
{
    [Theory]
    [InlineData("GET", "/api/v1/me", 401)]
    [InlineData("GET", "/api/v1/app_tokens/", 401)]
    [InlineData("PUT", "/api/v1/tokens/", 405)]
    [InlineData("GET", "/api/v1/nowhere", 404)]
    [InlineData("POST", "/api/v1/token/", 401)]
    public async Task ApiAnswersInItsOwnShapeAndNeverRedirectsToThePortalLogin(string method, string path, int status)
    {
        var answer = await api.Client.SendAsync(new HttpMethod(method), path);

        Assert.Equal((HttpStatusCode)status, answer.Status);
        Assert.Null(answer.Header("Location"));
        Assert.NotEmpty(answer.Errors());
    }

    [Fact]
    public async Task NonAdminOnUsersIs403NotTheAccessDeniedPage()
    {
        var answer = await api.Client.GetAsync("/api/v1/users/", api.Bob);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal(["permission"], answer.Errors().Keys);
    }

    [Fact]
    public async Task LoginAndTheDocumentStayOpen()
    {
        var token = await api.Client.LogInAsync(api.Alice.AppToken, api.Alice.User.UserName, ApiFixture.UserPassword);

        Assert.Equal(HttpStatusCode.OK, (await api.Client.SendAsync(HttpMethod.Get, "/api/v1/me", appToken: api.Alice.AppToken, token: token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.Http.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.Http.GetAsync("/scalar/")).StatusCode);
    }
}
