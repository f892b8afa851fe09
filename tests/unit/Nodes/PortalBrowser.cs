using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace EnfixPortal.Tests.Nodes;

/// <summary>A browser's cookie jar against one or more nodes: it reads forms for their antiforgery field and posts them,
/// and follows no redirect, so each answer can be read as it came.</summary>
public sealed partial class PortalBrowser : IDisposable
{
    /// <summary>A browser on this machine; <paramref name="from"/> (another loopback address, such as 127.0.0.2) is the
    /// client address the server sees.</summary>
    public PortalBrowser(IPAddress? from = null) => Http = new HttpClient(new SocketsHttpHandler
    {
        CookieContainer = Jar,
        AllowAutoRedirect = false,
        ConnectCallback = from is null ? null : async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    public CookieContainer Jar { get; } = new();
    public HttpClient Http { get; }

    public async Task<HttpResponseMessage> SignInAsync(Uri node, string userName, string password)
    {
        var form = await Http.GetStringAsync(new Uri(node, "/account/login"));
        return await Http.PostAsync(new Uri(node, "/account/login"), new FormUrlEncodedContent(
        [
            new("_handler", "login"), new("__RequestVerificationToken", AntiforgeryField(form)),
            new("Input.UserName", userName), new("Input.Password", password),
        ]));
    }

    /// <summary>Signs out as the user menu's form does, with the token from a portal page.</summary>
    public async Task<HttpResponseMessage> SignOutAsync(Uri node)
    {
        var page = await Http.GetStringAsync(new Uri(node, "/account/access-denied"));
        return await Http.PostAsync(new Uri(node, "/account/logout"), new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryField(page))]));
    }

    public string SessionCookie(Uri node) => Jar.GetCookies(node).Single(c => c.Name == ".EnfixPortal.Session").Value;

    public static string AntiforgeryField(string html) =>
        Field().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException("No antiforgery field");

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Field();
}
