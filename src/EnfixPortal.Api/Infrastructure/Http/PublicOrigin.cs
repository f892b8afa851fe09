using System.Net;
using EnfixPortal.Api.Common;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>Where the API's absolute URLs (<c>resource_url</c>, <c>Location</c>, <c>Link</c>) point: the configured
/// <c>Enfix:PublicUrl</c>; without it, the request's Host only when vetted — <c>AllowedHosts</c> is a list (the host
/// filter refuses any other Host), or the Host is one the server listens on, or a loopback name. Any other Host (a
/// forged <c>Host: evil.example</c>) gives way to the local address the client actually connected to.</summary>
public sealed class PublicOrigin(IOptions<PublicUrlSettings> settings, IConfiguration configuration, IServer server)
{
    private readonly string? _configured = settings.Value.Parsed?.AbsoluteUri.TrimEnd('/');
    private readonly bool _hostsFiltered = configuration["AllowedHosts"] is { Length: > 0 } hosts && hosts.Trim() != "*";
    private string[]? _listening;

    /// <summary>Scheme, authority and path base, without a trailing slash.</summary>
    public string Of(HttpRequest request) => _configured
        ?? $"{request.Scheme}://{(IsVetted(request.Host) ? request.Host.ToUriComponent() : LocalAuthority(request.HttpContext))}{request.PathBase}";

    private bool IsVetted(HostString host) => host.HasValue && (_hostsFiltered || IsLoopback(host.Host)
        || Listening().Contains(host.Value, StringComparer.OrdinalIgnoreCase));

    private static bool IsLoopback(string host) => host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);

    private string[] Listening() => _listening ??= server.Features.Get<IServerAddressesFeature>()?.Addresses
        .Select(address => Uri.TryCreate(address, UriKind.Absolute, out var url) ? url.Authority : null)
        .OfType<string>().ToArray() ?? [];

    private static string LocalAuthority(HttpContext http) => http.Connection.LocalIpAddress is { } ip
        ? new HostString(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : ip.ToString(), http.Connection.LocalPort).ToUriComponent()
        : "localhost";
}
