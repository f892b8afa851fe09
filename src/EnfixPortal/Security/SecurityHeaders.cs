using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EnfixPortal.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EnfixPortal.Security;

/// <summary>What a browser is told to enforce on every answer (portal, static files; API answers get theirs from
/// <see cref="ApiHeaders"/> when the request arrives): a Content-Security-Policy under which Blazor Server and MudBlazor
/// run, no framing, no MIME sniffing, no referrer; HSTS on HTTPS outside Development; cookies HttpOnly, SameSite and
/// Secure whenever the request came over HTTPS. Nothing here redirects: a redirected API POST would lose its body, and
/// plain-HTTP loopback use must keep working (TLS belongs in front).</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>The API reference page (Scalar) configures itself with an inline script and compiles code at run time.</summary>
    public const string ReferencePagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private static readonly ConcurrentDictionary<ImportMapDefinition, string> PoliciesByImportMap = new();

    /// <summary>The page's inline import map (fingerprinted asset names) is allowed by its hash, and nothing else inline.</summary>
    private static string PortalPolicy(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap
            ? PoliciesByImportMap.GetOrAdd(importMap, map => ContentSecurityPolicy.Replace("script-src 'self'",
                $"script-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(map.ToString())))}'"))
            : ContentSecurityPolicy;

    public static IServiceCollection AddEnfixSecurity(this IServiceCollection services)
    {
        services.Configure<AntiforgeryOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // The portal chooses SameSite for its sign-in cookie; these two hold whatever it chooses.
        services.ConfigureAll<CookieAuthenticationOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // No "Server: Kestrel" on any answer: nothing tells a scanner which server (and version range) it talks to.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddSingleton<IStartupFilter, Filter>();
        return services;
    }

    /// <summary>Runs ahead of the whole pipeline (a startup filter), so answers that authentication or authorization
    /// end early (401, 403) carry the headers too. A portal page's headers are set as its answer starts, since Blazor and
    /// antiforgery set their own on the way.</summary>
    private sealed class Filter(IWebHostEnvironment environment) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (!environment.IsDevelopment()) app.UseHsts();
            app.Use((http, nextMiddleware) =>
            {
                if (!ApiBoundary.IsApi(http)) http.Response.OnStarting(AddHeaders, http);
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    /// <summary>A static callback with the request as its state: no closure is made per request.</summary>
    private static readonly Func<object, Task> AddHeaders = state =>
    {
        var http = (HttpContext)state;
        // The API's set (no framing, sniffing or referrer), with the page's own policy: replaces what Blazor
        // (frame-ancestors 'self') and antiforgery (SAMEORIGIN) send on their own.
        ApiHeaders.Apply(http.Response.Headers);
        http.Response.Headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar") ? ReferencePagePolicy : PortalPolicy(http);
        return Task.CompletedTask;
    };
}
