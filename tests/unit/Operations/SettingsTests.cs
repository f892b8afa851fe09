using static EnfixPortal.Tests.Operations.RealServerSession;

namespace EnfixPortal.Tests.Operations;

/// <summary>Settings are read once, when the server starts and validates them: appsettings.json edited while it runs
/// changes nothing until a restart.</summary>
public sealed class SettingsTests : RealServerTests
{
    [Fact]
    public async Task AnInvalidSettingWrittenWhileTheServerRunsDoesNotBreakIt()
    {
        var contentRoot = Directory.CreateTempSubdirectory("enfix-settings-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(Database.Path, contentRoot: contentRoot);
            await LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);

            await File.WriteAllTextAsync(Path.Combine(contentRoot, "appsettings.json"),
                """{"Enfix": {"Tokens": {"UserTokenLifetime": "-01:00:00"}}}""");
            // A configuration that reloads on change watches the content root for a change such as this one.
            Assert.Equal(0, server.FileWatches());

            // A login reads the user token lifetime; read again from the file, it would fail validation (a 500).
            await LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }
}
