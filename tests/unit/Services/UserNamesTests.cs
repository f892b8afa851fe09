using EnfixPortal.Api.Common;
using EnfixPortal.Api.Users;
using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Services;

public sealed class UserNamesTests : IAsyncLifetime
{
    private readonly ServiceHarness _harness = new();

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task NamesTheKnownIdsAndSkipsUnknownOrMalformedOnes()
    {
        var pia = await _harness.CreateUserAsync("pia");

        var names = await _harness.Get<UserNames>().GetAsync(_harness.AdminActor, [pia.Id, _harness.Admin.Id, "not-an-id", ObjectIds.New()]);

        Assert.Equal(new Dictionary<string, string> { [pia.Id] = "pia", [_harness.Admin.Id] = "admin" }, names.Value);
    }

    [Fact]
    public async Task OnlyAdministratorsMayLookUpNames()
    {
        var quinn = await _harness.CreateUserAsync("quinn");
        var refused = await _harness.Get<UserNames>().GetAsync(ServiceHarness.ActorFor(quinn), [quinn.Id]);
        Assert.Equal(ServiceErrorKind.Forbidden, refused.Error!.Kind);
    }
}
