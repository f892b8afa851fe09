using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The <c>Enfix:Proxy</c> settings: the proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the
/// server believes, as lists of addresses (<c>TrustedProxies</c>) and CIDR networks (<c>TrustedNetworks</c>); an item
/// may also hold several, comma-separated.</summary>
public sealed class ProxySettings
{
    public const string Section = "Enfix:Proxy";
    public string[] TrustedProxies { get; set; } = [];
    public string[] TrustedNetworks { get; set; } = [];

    public IEnumerable<string> Proxies => Split(TrustedProxies);
    public IEnumerable<string> Networks => Split(TrustedNetworks);

    public static bool IsValid(ProxySettings settings) =>
        settings.Proxies.All(p => IPAddress.TryParse(p, out _)) && settings.Networks.All(n => IPNetwork.TryParse(n, out _));

    private static IEnumerable<string> Split(string[] values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary><c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> makes the framework believe forwarded headers from any client,
/// so anyone could claim any address (and escape the login limit by it). Here it believes only the listed proxies and
/// networks; with none listed, only a proxy on this machine (loopback).</summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ProxySettings>().BindConfiguration(ProxySettings.Section)
            .Validate(ProxySettings.IsValid, "Enfix:Proxy:TrustedProxies must list IP addresses and Enfix:Proxy:TrustedNetworks CIDR networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<ProxySettings>>((forwarded, proxy) =>
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            var settings = proxy.Value;
            if (!ProxySettings.IsValid(settings)) return; // the start fails on the settings' own validation
            foreach (var address in settings.Proxies) forwarded.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in settings.Networks) forwarded.KnownIPNetworks.Add(IPNetwork.Parse(network));
            if (forwarded.KnownProxies.Count + forwarded.KnownIPNetworks.Count > 0) return;
            forwarded.KnownIPNetworks.Add(IPNetwork.Parse("127.0.0.0/8"));
            forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
        });
        return services;
    }
}
