using System.Net;
using EnfixPortal.Api.Users;

namespace EnfixPortal.Tests.Nodes;

/// <summary>Wrong passwords from one address lock that address out of the account, not the real user at another address.</summary>
public sealed class AddressLockoutTests(SingleNode single) : IClassFixture<SingleNode>
{
    private Uri Portal => single.Node.Http.BaseAddress!;

    [Fact]
    public async Task AnOutsidersWrongPasswordsDoNotLockTheAdministratorOutElsewhere()
    {
        using var outsider = new PortalBrowser(IPAddress.Parse("127.0.0.2"));
        for (var attempt = 0; attempt < new LockoutSettings().MaxFailedAttempts; attempt++)
            Assert.Contains(PasswordSignIn.Refused, await (await outsider.SignInAsync(Portal, "admin", "Wr0ng-password!")).Content.ReadAsStringAsync());

        using var outsiderWithTheRightPassword = await outsider.SignInAsync(Portal, "admin", Node.AdminPassword);
        using var administrator = new PortalBrowser();
        using var realSignIn = await administrator.SignInAsync(Portal, "admin", Node.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, outsiderWithTheRightPassword.StatusCode);
        Assert.Contains(PasswordSignIn.Refused, await outsiderWithTheRightPassword.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, realSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await administrator.Http.GetAsync(new Uri(Portal, "/users"))).StatusCode);
    }
}
