using EnfixPortal.Account;
using EnfixPortal.Components;
using MudBlazor.Services;

namespace EnfixPortal;

/// <summary>The admin portal door: Blazor Server with MudBlazor behind an Identity cookie, added to the host in one call each.</summary>
public static class PortalRegistration
{
    public static IServiceCollection AddEnfixPortal(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddPortalAuthentication();
        return services;
    }

    /// <summary>Authentication and authorization run before antiforgery, which needs to know the signed-in user.
    /// Unknown portal addresses show the Not found page. Requests under /api never get here (UseEnfixApi branches them off
    /// first): they answer their own errors in their own shape.</summary>
    public static WebApplication UseEnfixPortal(this WebApplication app)
    {
        app.UseHubOriginCheck();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapEnfixPortal(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapAuditExport();
        return app;
    }
}
