using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Dashboard;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Mail;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Sessions;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Api.Webhooks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Infrastructure;

public static class CoreServices
{
    /// <summary>The service layer every door shares: settings, persistence, Identity, tokens, users, audit.</summary>
    public static IServiceCollection AddEnfixCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.BindSettings<TokenSettings>(TokenSettings.Section);
        services.BindSettings<BootstrapOptions>(BootstrapOptions.Section);
        services.BindSettings<LockoutSettings>(LockoutSettings.Section);
        services.BindSettings<PasswordSettings>(PasswordSettings.Section);
        services.BindSettings<WebhookSettings>(WebhookSettings.Section);
        services.BindSettings<SmtpSettings>(SmtpSettings.Section);
        // The address the portal is reached at: the API's links and the expiry emails' links use it.
        services.AddOptions<PublicUrlSettings>().BindConfiguration(PublicUrlSettings.Section)
            .Validate(PublicUrlSettings.IsValid, "Enfix:PublicUrl must be an absolute http or https URL without query, such as https://enfix.example.com").ValidateOnStart();
        services.AddEnfixPersistence(configuration);
        services.AddNodeNotices(configuration);

        services.AddAuthentication();
        services.AddIdentityCore<EnfixUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EnfixDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<LockoutSettings>, IOptions<PasswordSettings>>((identity, lockout, password) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = lockout.Value.AccountMaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = lockout.Value.Duration;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Password.RequiredLength = password.Value.RequiredLength;
            identity.Password.RequireDigit = password.Value.RequireDigit;
            identity.Password.RequireLowercase = password.Value.RequireLowercase;
            identity.Password.RequireUppercase = password.Value.RequireUppercase;
            identity.Password.RequireNonAlphanumeric = password.Value.RequireNonAlphanumeric;
            identity.User.RequireUniqueEmail = false;
        });

        services.AddSingleton<AuditLog>();
        services.AddSingleton<TokenRevocations>();
        services.AddSingleton<TokenUsage>();
        services.AddSingleton<TokenInserts>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<TokenQueries>();
        services.AddSingleton<TokenChanges>();
        services.AddSingleton<TokenRotation>();
        services.AddSingleton<ValidationCache>();
        services.AddSingleton<UnknownSecrets>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<EnfixMetrics>();
        services.AddSingleton<UserQueries>();
        services.AddSingleton<UserService>();
        services.AddSingleton<AddressLockout>();
        services.AddSingleton<PortalSessions>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<TokenLogin>();
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<UserNames>();
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<AdminBootstrapper>(sp, Console.Out));
        services.AddSingleton<ExpiredTokenPurge>();
        services.AddSingleton<IdleTokenExpiry>();
        services.AddSingleton<DatabaseBackup>();
        services.AddHostedService<TokenUsageFlusher>();
        services.AddSingleton<TokenIntrospection>();
        services.AddSingleton<IntrospectionAudit>();
        services.AddHostedService<IntrospectionAuditFlusher>();
        services.AddHostedService<DatabaseMaintenance>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<TokenEvents>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookAddresses>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<ExpiryAnnouncements>();
        services.AddSingleton<ExpiryMail>();
        services.AddSingleton<MailDispatcher>();
        services.AddSingleton<WebhookRound>();
        services.AddHostedService<WebhookSender>();
        return services;
    }
}
