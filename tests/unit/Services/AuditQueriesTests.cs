using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Services;

public sealed class AuditQueriesTests : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new();
    private AuditQueries Audit => _harness.Get<AuditQueries>();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task FiltersByActorActionAndTimeRangeNewestFirst()
    {
        var lena = await _harness.CreateUserAsync("lena");
        _harness.Time.Advance(TimeSpan.FromHours(2));
        var lenaActor = ServiceHarness.ActorFor(lena);
        await _harness.CreateAppTokenAsync(lenaActor);
        _harness.Time.Advance(TimeSpan.FromHours(1));
        await _harness.CreateAppTokenAsync(lenaActor);

        var byLena = await Audit.ListAsync(_harness.AdminActor, new AuditQuery(Actor: "LEN"));
        Assert.Equal(2, byLena.Value!.Total);
        Assert.True(byLena.Value.Items[0].At > byLena.Value.Items[1].At);

        var created = await Audit.ListAsync(_harness.AdminActor, new AuditQuery(Action: AuditActions.UserCreated));
        Assert.All(created.Value!.Items, e => Assert.Equal(AuditActions.UserCreated, e.Action));
        Assert.Contains(created.Value.Items, e => e.TargetUserName == "lena");

        var now = _harness.Time.GetUtcNow().UtcDateTime;
        var lastHour = await Audit.ListAsync(_harness.AdminActor, new AuditQuery(From: now.AddMinutes(-30), To: now.AddMinutes(1)));
        Assert.Equal(1, lastHour.Value!.Total);
    }

    [Fact]
    public async Task OnlyAdministratorsMayReadTheTrail()
    {
        var mike = await _harness.CreateUserAsync("mike");

        var refused = await Audit.ListAsync(ServiceHarness.ActorFor(mike), new AuditQuery());

        Assert.Equal(ServiceErrorKind.Forbidden, refused.Error!.Kind);
        Assert.Equal(ServiceErrorKind.Forbidden, Audit.Export(ServiceHarness.ActorFor(mike), new AuditQuery()).Error!.Kind);
    }

    [Fact]
    public async Task ARangeThatEndsBeforeItStartsIsRefused()
    {
        var now = _harness.Time.GetUtcNow().UtcDateTime;
        var refused = await Audit.ListAsync(_harness.AdminActor, new AuditQuery(From: now, To: now.AddDays(-1)));
        Assert.Equal("to", refused.Error!.Errors.Keys.Single());
    }

    [Fact]
    public async Task ExportStreamsEveryMatchingEvent()
    {
        await _harness.CreateUserAsync("nina");

        var rows = new List<AuditEventView>();
        await foreach (var row in Audit.Export(_harness.AdminActor, new AuditQuery(Action: AuditActions.UserCreated)).Value!.Rows) rows.Add(row);

        Assert.Equal(["nina", "admin"], rows.Select(r => r.TargetUserName));
    }

    [Fact]
    public async Task CsvQuotesCommasAndDefusesFormulas()
    {
        Assert.Equal("\"a,b\"", Account.AuditCsv.Cell("a,b"));
        Assert.Equal("'=SUM(A1)", Account.AuditCsv.Cell("=SUM(A1)"));
        Assert.Equal("\"say \"\"hi\"\"\"", Account.AuditCsv.Cell("say \"hi\""));

        var writer = new StringWriter();
        await Account.AuditCsv.WriteAsync(writer, Audit.Export(_harness.AdminActor, new AuditQuery()).Value!.Rows, default);
        var lines = writer.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(Account.AuditCsv.Header, lines[0]);
        Assert.Contains(lines, l => l.Contains(",user.created,success,") && l.Contains(",admin,"));
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z,", l));
    }

    [Fact]
    public async Task EventsNameTheirTokenByNameAndHintUntilItIsDeletedAndTheCsvCarriesBoth()
    {
        var tokens = _harness.Get<EnfixPortal.Api.Tokens.TokenService>();
        var token = (await tokens.CreateAppTokenAsync(_harness.AdminActor, new EnfixPortal.Api.Tokens.CreateTokenRequest(Name: "nightly"))).Value!.Token;

        var created = (await Audit.ListAsync(_harness.AdminActor, new AuditQuery(Action: AuditActions.AppTokenCreated))).Value!.Items.Single();
        Assert.Equal(new TargetToken("nightly", token.Hint, EnfixPortal.Api.Model.TokenKind.App), created.Token);
        var writer = new StringWriter();
        await Account.AuditCsv.WriteAsync(writer, Audit.Export(_harness.AdminActor, new AuditQuery(Action: AuditActions.AppTokenCreated)).Value!.Rows, default);
        var header = Account.AuditCsv.Header.Split(',');
        var cells = writer.ToString().TrimEnd().Split(Environment.NewLine)[1].Split(',');
        Assert.Equal("nightly", cells[Array.IndexOf(header, "target_token_name")]);
        Assert.Equal(token.Hint, cells[Array.IndexOf(header, "target_token_hint")]);
        Assert.Equal(token.Accessor, cells[Array.IndexOf(header, "target_token")]);

        await tokens.DeleteAsync(_harness.AdminActor, EnfixPortal.Api.Model.TokenFamily.App, token.Accessor);
        var after = (await Audit.ListAsync(_harness.AdminActor, new AuditQuery(Action: AuditActions.AppTokenCreated))).Value!.Items.Single();
        Assert.Null(after.Token);
        Assert.Equal(token.Accessor, after.TargetAccessor);
    }

    [Fact]
    public async Task ATimeInADetailIsWrittenToTheSecondInUtc()
    {
        var token = await _harness.CreateAppTokenAsync(_harness.AdminActor);
        _harness.Time.Advance(TimeSpan.FromMilliseconds(1234.5678));

        var changed = await _harness.Get<TokenService>().ChangeAsync(_harness.AdminActor, TokenFamily.App, token.Token.Accessor,
            new ChangeTokenRequest(SecondsUntilExpire: 3600));

        Assert.True(changed.Succeeded);
        var events = await Audit.ListAsync(_harness.AdminActor, new AuditQuery(Action: AuditActions.TokenExpiryChanged));
        Assert.Matches(@"^expires_at=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", Assert.Single(events.Value!.Items).Detail);
    }
}
