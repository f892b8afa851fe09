using Microsoft.Playwright;

namespace EnfixPortal.E2E.Infrastructure;

/// <summary>Everything a page reports going wrong while a test walks it: console errors, uncaught script errors, and
/// requests for the portal's own resources that failed or were answered with an error status.</summary>
public sealed class PageProblems
{
    private readonly List<string> _seen = [];
    private readonly string _origin;

    private PageProblems(IPage page, Uri server)
    {
        _origin = server.GetLeftPart(UriPartial.Authority);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Add($"console error on {page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => Add($"page error on {page.Url}: {error}");
        page.RequestFailed += (_, request) =>
        {
            // A request the browser dropped because the page navigated away was not refused by the server.
            if (IsOwn(request.Url) && request.Failure != "net::ERR_ABORTED") Add($"request failed: {request.Method} {request.Url}: {request.Failure}");
        };
        page.Response += (_, response) =>
        {
            if (IsOwn(response.Url) && response.Status >= 400) Add($"{response.Status} for {response.Request.Method} {response.Url}");
        };
    }

    public static PageProblems Watch(IPage page, Uri server) => new(page, server);

    public IReadOnlyList<string> Seen
    {
        get { lock (_seen) return [.. _seen]; }
    }

    private bool IsOwn(string url) => url.StartsWith(_origin, StringComparison.OrdinalIgnoreCase);

    private void Add(string problem)
    {
        lock (_seen) _seen.Add(problem);
    }
}
