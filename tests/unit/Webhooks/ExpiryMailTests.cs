using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Api.Webhooks;
using EnfixPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Tests.Webhooks;

/// <summary>With a mail server set, a token's owner is emailed once at each expiry warning, through Debian's SMTP server
/// on loopback; a mail server that is down delays the message without losing it.</summary>
public abstract class ExpiryMailTests(Engine engine) : IAsyncLifetime
{
    private readonly int _port = SmtpTestServer.FreePort();
    private ServiceHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = new ServiceHarness(engine, new()
        {
            ["Enfix:Smtp:Host"] = "127.0.0.1", ["Enfix:Smtp:Port"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Enfix:Smtp:Security"] = "none", ["Enfix:Smtp:From"] = "EnfixPortal <enfix@example.test>",
            ["Enfix:PublicUrl"] = "https://enfix.example.test",
        });
        await _harness.InitializeAsync();
    }

    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task TheOwnerIsEmailedOncePerWarningWithTheTokensNameHintExpiryAndPortalLinkButNeverItsSecret()
    {
        await using var smtp = await SmtpTestServer.StartAsync(_port);
        var kate = await CreateUserAsync("kate", "kate@example.test");
        var quiet = await CreateUserAsync("quiet", email: null);
        var token = await CreateAppTokenAsync(kate.Id, "nightly-deploy", TimeSpan.FromDays(40));
        await CreateAppTokenAsync(quiet.Id, "no-address", TimeSpan.FromDays(40));

        await RoundAsync();
        Assert.Empty(smtp.Messages);
        _harness.Time.Advance(TimeSpan.FromDays(11) + TimeSpan.FromMinutes(1));
        await RoundAsync();
        await RoundAsync();

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("kate@example.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("enfix@example.test", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Contains("\"nightly-deploy\"", mail.Subject);
        Assert.Contains("30 days", mail.Subject);
        var text = mail.TextBody;
        Assert.Contains($"{token.Token.Hint}…", text);
        Assert.Contains(token.Token.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), text);
        Assert.Contains("https://enfix.example.test/app-tokens", text);
        Assert.DoesNotContain(token.Secret, text + mail.Subject);

        _harness.Time.Advance(TimeSpan.FromDays(23));
        await RoundAsync();
        Assert.Equal(2, smtp.Messages.Count);
        Assert.Contains("7 days", smtp.Messages[1].Subject);
    }

    [Fact]
    public async Task AMailServerThatIsDownIsTriedAgainLaterAndTheMessageArrivesOnceItIsBack()
    {
        var kate = await CreateUserAsync("kate", "kate@example.test");
        await CreateAppTokenAsync(kate.Id, "nightly-deploy", TimeSpan.FromDays(3));
        _harness.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        await RoundAsync();

        var waiting = await MailAsync();
        Assert.Equal((DeliveryStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.Contains($"127.0.0.1:{_port}", waiting.LastError);
        Assert.Contains(_harness.Logs.Lines, line => line.Contains("could not be sent"));

        await using var smtp = await SmtpTestServer.StartAsync(_port);
        await RoundAsync();
        Assert.Empty(smtp.Messages); // not due yet: the retry waits
        _harness.Time.Advance(TimeSpan.FromSeconds(31));
        await RoundAsync();

        Assert.Contains("1 day", Assert.Single(smtp.Messages).Subject);
        Assert.Equal(DeliveryStatus.Delivered, (await MailAsync()).Status);
    }

    private async Task RoundAsync()
    {
        var round = _harness.Get<WebhookRound>();
        while (!await round.RunAsync()) await Task.Delay(10);
    }

    private async Task<MailMessage> MailAsync()
    {
        await using var db = await _harness.Get<IDbContextFactory<EnfixPortal.Api.Infrastructure.Persistence.EnfixDbContext>>().CreateDbContextAsync();
        return await db.MailMessages.SingleAsync();
    }

    private async Task<UserView> CreateUserAsync(string name, string? email)
    {
        var created = await _harness.Get<UserService>().CreateAsync(_harness.AdminActor, new CreateUserRequest(name, "Us3r-Passw0rd!", Email: email));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!;
    }

    private async Task<CreatedToken> CreateAppTokenAsync(string userId, string name, TimeSpan lifetime)
    {
        var created = await _harness.Get<TokenService>().CreateAppTokenAsync(_harness.AdminActor,
            new CreateTokenRequest(userId, name, (long)lifetime.TotalSeconds));
        Assert.True(created.Succeeded, created.Error?.Describe());
        return created.Value!;
    }
}

public sealed class ExpiryMailTestsOnSqlite() : ExpiryMailTests(Engine.Sqlite);

public sealed class ExpiryMailTestsOnPostgres() : ExpiryMailTests(Engine.Postgres);
