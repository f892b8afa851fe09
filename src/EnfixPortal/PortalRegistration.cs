using EnfixPortal.Components;
using MudBlazor.Services;

namespace EnfixPortal;

/// <summary>The admin portal door: Blazor Server with MudBlazor, added to the host in one call each.</summary>
public static class PortalRegistration
{
    public static IServiceCollection AddEnfixPortal(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return services;
    }

    public static WebApplication MapEnfixPortal(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
