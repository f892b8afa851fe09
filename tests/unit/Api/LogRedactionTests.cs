using System.Net;
using EnfixPortal.Api.Tokens;

namespace EnfixPortal.Tests.Api;

public sealed class EverythingLogged() : ApiFixture(new()
{
    ["Logging:LogLevel:Default"] = "Trace",
    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
    ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
    ["Logging:LogLevel:EnfixPortal.AccessLog"] = "Trace",
});

/// <summary>With every category at Trace, no log line carries a token; request lines show a token in the path as its hint.</summary>
public sealed class LogRedactionTests(EverythingLogged api) : IClassFixture<EverythingLogged>
{
    [Fact]
    public async Task NoLogLineShowsATokenEvenWithEverythingLogged()
    {
        var owner = await api.NewCallerAsync("logged");
        var login = await api.Client.LogInAsync(owner.AppToken, owner.User.UserName, ApiFixture.UserPassword);
        var created = await api.Client.PostJsonAsync("/api/v1/app_tokens/", owner, """{"seconds_until_expire": 60}""");
        var newAppToken = created.Json!["app_token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync($"/api/v1/app_tokens/{newAppToken}/", owner)).Status);
        await api.Client.PatchJsonAsync($"/api/v1/tokens/{login}/", owner, """{"seconds_until_expire": 60}""");
        await api.Client.SendAsync(HttpMethod.Delete, $"/api/v1/app_tokens/{newAppToken}/", owner);
        await api.Client.GetAsync($"/api/v1/nothing/{owner.Token}", owner);
        await api.Client.GetAsync($"/api/v1/tokens/{login}x/", owner);
        await api.Client.GetAsync($"/api/v1/tokens/{login}%2F", owner);

        var lines = api.Factory.Logs.Lines;

        foreach (var secret in new[] { owner.AppToken, owner.Token, login, newAppToken })
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(lines, line => line.Contains($"/api/v1/app_tokens/{TokenSecrets.Hint(newAppToken)}…"));
    }
}
