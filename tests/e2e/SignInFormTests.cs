using EnfixPortal.E2E.Infrastructure;
using EnfixPortal.E2E.Pages;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

[Collection(PortalCollection.Name)]
public sealed class SignInFormTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task AFailedAttemptDoesNotSendThePasswordBackAndBothBoxesLookAlike()
    {
        var page = await Fixture.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();

        await login.SignInAsync(PortalServer.AdminUserName, "wrong-password-typed");

        await Assertions.Expect(login.Error).ToBeVisibleAsync();
        Assert.DoesNotContain("wrong-password-typed", await page.ContentAsync());
        await Assertions.Expect(login.Password).ToHaveValueAsync("");
        await Assertions.Expect(login.UserName).ToHaveValueAsync(PortalServer.AdminUserName);
        var styles = await page.EvaluateAsync<string[]>("""
            () => ['username', 'password'].map(id => {
                const s = getComputedStyle(document.getElementById(id));
                return `${s.borderTopWidth} ${s.borderTopStyle} ${s.paddingTop} ${s.fontSize} ${s.backgroundColor}`;
            })
            """);
        Assert.Equal(styles[1], styles[0]);
        Assert.StartsWith("1px solid", styles[0]);
    }
}
