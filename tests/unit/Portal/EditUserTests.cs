using Bunit;
using EnfixPortal.Api.Users;
using EnfixPortal.Components.Pages.Users;
using MudBlazor;

namespace EnfixPortal.Tests.Portal;

/// <summary>The Users page's <em>Edit</em> action: name, email and the administrator role, saved through <see cref="UserService"/>.</summary>
public sealed class EditUserTests : PortalTestContext
{
    private static AngleSharp.Dom.IElement Row(IRenderedComponent<Users> page, string name) =>
        page.FindAll("tbody tr").Single(r => r.QuerySelector(".user-name")?.TextContent == name);

    /// <summary>The click's handler waits for the dialog to close, so the click is not awaited here: <see cref="SaveAsync"/> awaits it.</summary>
    private Task _editing = Task.CompletedTask;

    private IRenderedComponent<Users> OpenEditor(string userName)
    {
        var page = Render<Users>();
        page.WaitForAssertion(() => Assert.Contains(userName, page.Markup));
        _editing = Row(page, userName).QuerySelector($"button[aria-label='Edit {userName}']")!.ClickAsync(new());
        Dialogs.WaitForAssertion(() => Assert.Contains($"Edit {userName}", Dialogs.Markup));
        return page;
    }

    /// <summary>Clicks Save; when the dialog closes, waits until the page has handled its result.</summary>
    private async Task SaveAsync(bool closes = true)
    {
        await ClickAsync("Save");
        if (closes) await _editing.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private Task SetAdministratorAsync(bool admin) =>
        Dialogs.InvokeAsync(() => Dialogs.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(admin));

    private Task<UserView?> StoredAsync(string userName) => Harness.Get<UserQueries>().FindByNameAsync(userName);

    [Fact]
    public async Task EditingNameAndEmailSavesThemAndTheRowShowsThemAtOnce()
    {
        await Harness.CreateUserAsync("lena");
        var page = OpenEditor("lena");

        await TypeAsync("Name", "Lena Berg");
        await TypeAsync("Email", "lena@example.com");
        await SaveAsync();

        SnackbarSays("Saved lena.");
        page.WaitForAssertion(() => Assert.Contains("Lena Berg", Row(page, "lena").TextContent));
        Assert.Contains("lena@example.com", Row(page, "lena").TextContent);
        var lena = await StoredAsync("lena");
        Assert.Equal(("Lena Berg", "lena@example.com", false), (lena!.DisplayName, lena.Email, lena.Admin));
    }

    [Fact]
    public async Task TheDialogOpensOnTheUsersCurrentValuesAndAnEmptiedEmailIsCleared()
    {
        var mona = await Harness.CreateUserAsync("mona");
        await Harness.Get<UserService>().UpdateAsync(Harness.AdminActor, mona.Id, new UpdateUserRequest("Mona", "mona@example.com"));
        OpenEditor("mona");

        var fields = Dialogs.FindComponents<MudTextField<string>>().ToDictionary(f => f.Instance.Label!, f => f.Find("input").GetAttribute("value"));
        Assert.Equal("Mona", fields["Name"]);
        Assert.Equal("mona@example.com", fields["Email"]);
        await TypeAsync("Email", "");
        await SaveAsync();

        SnackbarSays("Saved mona.");
        var stored = await StoredAsync("mona");
        Assert.Equal(("Mona", null), (stored!.DisplayName, stored.Email));
    }

    [Fact]
    public async Task MakingAUserAnAdministratorGivesThemTheRoleAndTheAdminChip()
    {
        await Harness.CreateUserAsync("nina");
        var page = OpenEditor("nina");

        await SetAdministratorAsync(true);
        await SaveAsync();

        SnackbarSays("Saved nina.");
        page.WaitForAssertion(() => Assert.Contains("admin", Row(page, "nina").QuerySelector(".mud-chip")?.TextContent ?? ""));
        Assert.True((await StoredAsync("nina"))!.Admin);
    }

    [Fact]
    public async Task DemotingTheLastAdministratorIsRefusedWithTheReasonAndNothingChanges()
    {
        var page = OpenEditor("admin");

        await TypeAsync("Name", "Renamed");
        await SetAdministratorAsync(false);
        await SaveAsync(closes: false);

        Dialogs.WaitForAssertion(() => Assert.Contains("This is the last active administrator; make another user an administrator first.",
            Dialogs.Find("[data-refusal]").TextContent));
        var admin = await StoredAsync("admin");
        Assert.True(admin!.Admin);
        Assert.NotEqual("Renamed", admin.DisplayName);
        Assert.NotNull(Row(page, "admin").QuerySelector(".mud-chip"));
    }

    [Fact]
    public async Task ABadEmailIsShownUnderTheEmailFieldAndNothingIsSaved()
    {
        await Harness.CreateUserAsync("olga");
        OpenEditor("olga");

        await TypeAsync("Name", "Olga");
        await TypeAsync("Email", "not-an-address");
        await SaveAsync(closes: false);

        var email = Dialogs.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Email");
        Dialogs.WaitForAssertion(() => Assert.Contains("email is not a valid email address.", email.Markup));
        var olga = await StoredAsync("olga");
        Assert.Equal((null, null), (olga!.DisplayName, olga.Email));
    }
}
