using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Webhooks;

/// <summary>One round of the background sender: announces tokens that reached a warning threshold or expired, then
/// delivers the webhook messages and the emails that are due. One round at a time per node and, on PostgreSQL, one node at a time (an advisory lock held
/// for the round), so that no delivery is sent twice side by side.</summary>
public sealed class WebhookRound(IDbContextFactory<EnfixDbContext> dbFactory, ExpiryAnnouncements announcements, WebhookDispatcher dispatcher,
    MailDispatcher mail)
{
    // Any constant the application uses for nothing else; the same on every node.
    private const string TryLock = "SELECT pg_try_advisory_lock(76250891712328) AS \"Value\"";
    private const string Unlock = "SELECT pg_advisory_unlock(76250891712328) AS \"Value\"";
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>False when another round (here or on another node) was under way, and this one did nothing.</summary>
    public async Task<bool> RunAsync(CancellationToken ct = default)
    {
        if (!await _oneAtATime.WaitAsync(0, ct)) return false;
        try
        {
            await using var lockHolder = await dbFactory.CreateDbContextAsync(ct);
            var postgres = lockHolder.Database.IsNpgsql();
            if (postgres)
            {
                await lockHolder.Database.OpenConnectionAsync(ct);
                var taken = await lockHolder.Database.SqlQueryRaw<bool>(TryLock).SingleAsync(ct);
                if (!taken) return false;
            }
            try
            {
                await announcements.RunAsync(ct);
                await dispatcher.DeliverDueAsync(ct);
                await mail.DeliverDueAsync(ct);
            }
            finally
            {
                if (postgres)
                    await lockHolder.Database.SqlQueryRaw<bool>(Unlock).SingleAsync(CancellationToken.None);
            }
            return true;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}

/// <summary>Runs a <see cref="WebhookRound"/> at every poll interval and whenever this node raised an event.</summary>
public sealed class WebhookSender(WebhookRound round, WebhookOutbox outbox, IOptionsMonitor<WebhookSettings> settings,
    ILogger<WebhookSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await round.RunAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The webhook sender's round failed; it will run again at the next interval");
                }
                await outbox.WaitAsync(settings.CurrentValue.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) { }
    }
}
