using EnfixPortal.Api.Endpoints;
using EnfixPortal.Api.Gateway;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Api.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.Api;

/// <summary>The <c>/api/v1</c> door: its services and its endpoints, added to the host in one call each.</summary>
public static class ApiRegistration
{
    public static IServiceCollection AddEnfixApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLoginRateLimit();
        services.AddSingleton<PublicOrigin>();
        services.AddTrustedProxies();
        services.AddSingleton<IntrospectionRateLimit>();
        services.ConfigureHttpJsonOptions(ApiJson.Configure);
        services.AddSingleton<IStartupFilter, RequestTracing>();
        services.AddSingleton<IStartupFilter, AccessLog>();
        services.AddSingleton<IStartupFilter, ApiBoundary>();
        services.AddExceptionHandler<ApiBoundary>();
        services.AddSingleton<IDeveloperPageExceptionFilter, ApiBoundary>();
        services.AddApiDocs(AuthCheckDocument.DescribeAsync);
        // The framework's own request lines and its per-request log scope carry the raw path (a token in
        // /app_tokens/<token>); their categories write nothing whatever the rules. AccessLog writes a redacted line.
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider =>
            new PathSafeLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(provider))));
        // The access log is off unless a setting turns it on: a rule placed first, so any configured rule outranks it.
        services.Configure<LoggerFilterOptions>(options =>
            options.Rules.Insert(0, new LoggerFilterRule(null, AccessLog.Category, LogLevel.Warning, null)));
        return services;
    }

    /// <summary>Requests under /api take their own branch, ahead of the portal's middleware: the endpoint the host already
    /// matched, the login rate limit, the token pair's check with the endpoint's policy, and the endpoint itself. The
    /// portal's cookie authentication, authorization, status pages and antiforgery never run for them, so an API call pays
    /// only for its own checks.</summary>
    public static WebApplication UseEnfixApi(this WebApplication app)
    {
        app.MapWhen(ApiBoundary.IsApi, api =>
        {
            api.UseRouting();
            api.UseRateLimiter();
            api.UseMiddleware<TokenAuthentication>();
            api.UseEndpoints(_ => { });
        });
        return app;
    }

    public static WebApplication MapEnfixApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithMetadata(new SkipStatusCodePagesAttribute()).ProducesApiErrors(401, 500);
        api.MapApiRoot();
        api.MapLogin();
        api.MapMe();
        api.MapAuthCheck();
        api.MapIntrospection();
        api.MapAppTokens();
        api.MapUserTokens();
        api.MapUsers();
        api.MapWebhooks();
        app.MapApiNotFound();
        app.MapApiDocs();
        return app;
    }
}
