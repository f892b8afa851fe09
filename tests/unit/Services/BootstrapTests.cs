using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Services;

public abstract class BootstrapTests(Engine engine)
{
    private static readonly Actor Anonymous = new(null, null, false, Door.Portal);

    [Fact]
    public async Task FirstRunCreatesTheAdministratorFromTheSettings()
    {
        await using var harness = await StartAsync(new ServiceHarness(engine));

        Assert.True(harness.Admin.Admin);
        Assert.True(harness.Admin.Active);
        Assert.True((await harness.Get<PasswordSignIn>().CheckAsync(Anonymous, "admin", ServiceHarness.AdminPassword)).Succeeded);
        Assert.Contains("created administrator 'admin'", harness.Console.ToString());
        Assert.DoesNotContain(ServiceHarness.AdminPassword, harness.Console.ToString());
    }

    [Fact]
    public async Task WithoutAPasswordOneIsGeneratedPrintedOnceAndWorks()
    {
        await using var harness = await StartAsync(new ServiceHarness(engine, new() { ["Enfix:Bootstrap:AdminPassword"] = "" }));

        var line = harness.Console.ToString().Split('\n').Single(l => l.Contains("Generated password"));
        var password = line[(line.LastIndexOf(':') + 1)..].Trim();

        Assert.True(password.Length >= 20);
        Assert.True((await harness.Get<PasswordSignIn>().CheckAsync(Anonymous, "admin", password)).Succeeded);
        await harness.Services.PrepareDatabaseAsync();
        Assert.Single(harness.Console.ToString().Split('\n'), l => l.Contains("Generated password"));
    }

    [Fact]
    public async Task ASecondRunNeverOverwritesTheAdministrator()
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        string adminId;
        await using (var first = await StartAsync(new ServiceHarness(engine, database: database)))
        {
            adminId = first.Admin.Id;
            var changed = await first.Get<UserService>().UpdateAsync(first.AdminActor, adminId, new(Password: "Chang3d-Passw0rd!"));
            Assert.True(changed.Succeeded, changed.Error?.Describe());
        }

        await using var second = await StartAsync(new ServiceHarness(engine, new() { ["Enfix:Bootstrap:AdminPassword"] = "0ther-Passw0rd!" }, database));

        Assert.Equal(adminId, second.Admin.Id);
        Assert.Equal(1, await second.QueryAsync(db => db.Users.CountAsync()));
        Assert.Equal("", second.Console.ToString());
        Assert.True((await second.Get<PasswordSignIn>().CheckAsync(Anonymous, "admin", "Chang3d-Passw0rd!")).Succeeded);
        Assert.False((await second.Get<PasswordSignIn>().CheckAsync(Anonymous, "admin", "0ther-Passw0rd!")).Succeeded);
    }

    [Fact]
    public async Task AnInvalidBootstrapPasswordStopsTheStartNamingTheSetting()
    {
        var harness = new ServiceHarness(engine, new() { ["Enfix:Bootstrap:AdminPassword"] = "short" });
        var failure = await Assert.ThrowsAnyAsync<Exception>(harness.InitializeAsync);
        await harness.DisposeAsync();
        Assert.Contains("Enfix:Bootstrap", failure.Message);
    }

    internal static async Task<ServiceHarness> StartAsync(ServiceHarness harness)
    {
        await harness.InitializeAsync();
        return harness;
    }
}

public sealed class BootstrapTestsOnSqlite() : BootstrapTests(Engine.Sqlite);

public sealed class BootstrapTestsOnPostgres() : BootstrapTests(Engine.Postgres);
