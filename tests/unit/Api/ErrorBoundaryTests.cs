using System.Net;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Api;

/// <summary>An unexpected failure (here: a table gone from under the running host) is a 500 in the API's shape with a trace id,
/// logged with its exception, and never shows a stack trace to the client.</summary>
public sealed class DevelopmentHost() : ApiFixture(Engine.Sqlite, null, "Development");

public sealed class ErrorBoundaryTests : IAsyncLifetime
{
    private readonly ApiFixture _api = new();

    public Task InitializeAsync() => _api.InitializeAsync();
    public Task DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task FailureInsideAnEndpointIsA500WithATraceIdAndNoStackTrace()
    {
        await BreakDatabaseAsync(_api, "PRAGMA foreign_keys = OFF; DROP TABLE \"AuditEvents\";");

        var answer = await _api.Client.PostJsonAsync("/api/v1/app_tokens/", _api.Admin, "{}");

        AssertServerError(answer, _api);
    }

    [Fact]
    public async Task InDevelopmentTooTheApiAnswersItsOwnShapeNotTheDeveloperPage()
    {
        var development = new DevelopmentHost();
        await development.InitializeAsync();
        try
        {
            await BreakDatabaseAsync(development, "PRAGMA foreign_keys = OFF; DROP TABLE \"AuditEvents\";");
            var answer = await development.Client.PostJsonAsync("/api/v1/app_tokens/", development.Admin, "{}");
            AssertServerError(answer, development);
        }
        finally
        {
            await development.DisposeAsync();
        }
    }

    [Fact]
    public async Task FailureWhileCheckingTokensIsA500InTheSameShape()
    {
        var fresh = await _api.NewCallerAsync("fresh");
        await BreakDatabaseAsync(_api, "PRAGMA foreign_keys = OFF; DROP TABLE \"Tokens\";");

        var answer = await _api.Client.GetAsync("/api/v1/me", fresh);

        AssertServerError(answer, _api);
    }

    private static void AssertServerError(ApiAnswer answer, ApiFixture api)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        var message = answer.Errors()["server"];
        Assert.Contains("trace id", message);
        Assert.DoesNotContain("Exception", answer.Body);
        Assert.DoesNotContain(" at ", answer.Body);
        // The failed answer was cleared before the 500 was written; the API's security headers are set again.
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", answer.Header("Content-Security-Policy"));
        Assert.Equal("nosniff", answer.Header("X-Content-Type-Options"));
        var traceId = message.Split("trace id ")[1].Split(' ')[0];
        Assert.Contains(api.Factory.Logs.Lines, line => line.Contains(traceId) && line.Contains("SqliteException"));
    }

    private static async Task BreakDatabaseAsync(ApiFixture api, string sql)
    {
        await using var db = await api.Get<IDbContextFactory<EnfixDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
