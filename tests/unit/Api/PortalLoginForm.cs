using System.Text.RegularExpressions;

namespace EnfixPortal.Tests.Api;

/// <summary>Signs in through the portal's login form as a browser does: reads the form for its antiforgery cookie and
/// field, then posts it. The answer is left unfollowed, so its redirect and cookies can be read.</summary>
public static partial class PortalLoginForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string userName, string password, string? returnUrl = null)
    {
        var page = returnUrl is null ? "/account/login" : $"/account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        using var form = await http.GetAsync(page);
        var html = await form.Content.ReadAsStringAsync();
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery")).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, page)
        {
            Headers = { { "Cookie", antiforgery } },
            Content = new FormUrlEncodedContent(
            [
                new("_handler", "login"),
                new("__RequestVerificationToken", Field().Match(html).Groups[1].Value),
                new(FieldName(html, "UserName"), userName),
                new(FieldName(html, "Password"), password),
            ]),
        };
        return await http.SendAsync(post);
    }

    /// <summary>The cookies an answer sets, less the antiforgery one.</summary>
    public static IEnumerable<string> SessionCookies(HttpResponseMessage answer) =>
        answer.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => !c.StartsWith(".AspNetCore.Antiforgery")) : [];

    private static string FieldName(string html, string suffix) =>
        Regex.Match(html, $"name=\"([^\"]*{suffix})\"").Groups[1].Value is { Length: > 0 } name ? name : throw new Xunit.Sdk.XunitException($"No {suffix} field");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Field();
}
