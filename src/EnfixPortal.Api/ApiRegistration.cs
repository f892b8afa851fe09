using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api;

/// <summary>The <c>/api/v1</c> door: its services and its endpoints, added to the host in one call each.</summary>
public static class ApiRegistration
{
    public static IServiceCollection AddEnfixApi(this IServiceCollection services, IConfiguration configuration) => services;

    public static WebApplication MapEnfixApi(this WebApplication app) => app;
}
