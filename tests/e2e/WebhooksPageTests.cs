using EnfixPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace EnfixPortal.E2E;

/// <summary>An administrator manages webhooks in the portal: creates one (its signing secret shown once), sends a test
/// message and watches its delivery arrive in the log without a reload, then deletes it after a confirmation.</summary>
[Collection(PortalCollection.Name)]
public sealed class WebhooksPageTests(PortalFixture fixture) : PortalTest(fixture)
{
    [Fact]
    public async Task AnAdministratorCreatesAWebhookSendsATestSeesItDeliveredAndDeletesIt()
    {
        await using var receiver = await HookReceiver.StartAsync();
        var page = await Fixture.NewAdminPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New webhook" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("URL").FillAsync(receiver.Url);
        await dialog.GetByLabel("token.expiring").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var secret = dialog.GetByLabel("Signing secret");
        await Assertions.Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
        await Assertions.Expect(dialog.GetByText("shown only once")).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = receiver.Url }).Filter(new() { HasText = "Send test" });
        await Assertions.Expect(row).ToContainTextAsync("token.expiring");
        await Assertions.Expect(row).ToContainTextAsync("enabled");
        await Assertions.Expect(page.GetByText("whsec_")).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        var delivery = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "webhook.test" });
        await Assertions.Expect(delivery).ToContainTextAsync("delivered");
        await Assertions.Expect(delivery).ToContainTextAsync("204");
        Assert.Single(receiver.Signatures);
        Assert.StartsWith("v1,", receiver.Signatures[0]);

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync(receiver.Url);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("No webhooks yet.")).ToBeVisibleAsync();
    }
}
