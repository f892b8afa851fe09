using System.Security.Claims;
using Bunit;
using EnfixPortal.Components.Account;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Tests.Portal;

public sealed class AccessDeniedPageTests : PortalTestContext
{
    [Fact]
    public void ASignedInNonAdminIsToldWhoTheyAreAndOfferedSignOut()
    {
        var context = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "clerk")], "Identity.Application")),
        };

        var page = Render<AccessDenied>(p => p.AddCascadingValue(context));

        Assert.Contains("This portal is for administrators only.", page.Markup);
        Assert.Contains("clerk", page.Find("b").TextContent);
        Assert.Equal("account/logout", page.Find("form").GetAttribute("action"));
    }

    [Fact]
    public void SomeoneRefusedAtSignInIsOfferedToSignInAsSomeoneElse()
    {
        var page = Render<AccessDenied>(p => p.AddCascadingValue(new DefaultHttpContext()));

        Assert.Contains("Your account is not an administrator", page.Markup);
        Assert.Equal("account/login", page.Find("a").GetAttribute("href"));
    }
}
