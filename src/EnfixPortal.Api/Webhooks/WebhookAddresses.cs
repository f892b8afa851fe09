using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Webhooks;

/// <summary>Which receivers a webhook may reach: http(s) URLs whose host resolves only to public addresses, unless a
/// setting allows loopback or private ones. Asked when a webhook is saved and again for every connection.</summary>
public sealed class WebhookAddresses(IOptionsMonitor<WebhookSettings> settings)
{
    public const int MaxUrlLength = 2000;
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>An error message, or null when the URL is well formed.</summary>
    public static string? CheckShape(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "url is required.";
        if (url.Length > MaxUrlLength) return $"url must be at most {MaxUrlLength} characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            return "url must be an absolute http or https URL, such as https://hooks.example.com/enfix.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "url must not carry a user name or password.";
        return null;
    }

    /// <summary>The host's addresses a delivery may connect to, or the reason there are none.</summary>
    public async Task<(IPAddress[] Addresses, string? Error)> ResolveAsync(string host, CancellationToken ct)
    {
        IPAddress[] all;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) all = [literal];
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ResolveTimeout);
            try { all = await Dns.GetHostAddressesAsync(host, timeout.Token); }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                return ([], $"The host {host} could not be resolved.");
            }
        }
        var allowed = all.Where(IsAllowed).ToArray();
        if (allowed.Length == 0 && all.Length > 0)
            return ([], $"The host {host} resolves to a loopback, link-local or private address, which webhooks may not reach here.");
        return allowed.Length == 0 ? ([], $"The host {host} could not be resolved.") : (allowed, null);
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var current = settings.CurrentValue;
        if (IPAddress.IsLoopback(address)) return current.AllowLoopback || current.AllowPrivateAddresses;
        return !IsPrivate(address) || current.AllowPrivateAddresses;
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xfe) == 0xfc;
        }
        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 => true,
            100 => v4[1] is >= 64 and <= 127,          // carrier-grade NAT
            169 => v4[1] == 254,                       // link-local, cloud metadata
            172 => v4[1] is >= 16 and <= 31,
            192 => v4[1] == 168 || (v4[1] == 0 && v4[2] == 0),
            198 => v4[1] is 18 or 19,
            >= 224 => true,                            // multicast, reserved, broadcast
            _ => false,
        };
    }
}
