using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Mail;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Webhooks;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EnfixPortal.Api.Webhooks;

/// <summary>Sends due emails through the mail server (MailKit), one connection per round. A message that fails is tried
/// again with the webhooks' backoff (from <c>Enfix:Webhooks:FirstRetryDelay</c>, doubling, for <c>RetryFor</c>), and
/// each failure is logged with the server's answer, never the message's text.</summary>
public sealed class MailDispatcher(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, IOptionsMonitor<SmtpSettings> smtp,
    IOptionsMonitor<WebhookSettings> retries, ILogger<MailDispatcher> logger)
{
    private const int Batch = 50;

    /// <summary>Attempts every due message once; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var settings = smtp.CurrentValue;
        if (!settings.Enabled) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.MailMessages.Where(m => m.Status == DeliveryStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(Batch).ToListAsync(ct);
        if (due.Count == 0) return 0;
        using var client = new SmtpClient { Timeout = (int)retries.CurrentValue.Timeout.TotalMilliseconds };
        var unreachable = await ConnectAsync(client, settings, ct);
        foreach (var message in due)
            Record(message, unreachable ?? await SendAsync(client, settings, message, ct), now);
        if (client.IsConnected) await client.DisconnectAsync(quit: true, ct);
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private static async Task<string?> ConnectAsync(SmtpClient client, SmtpSettings settings, CancellationToken ct)
    {
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.SocketOptions, ct);
            if (!string.IsNullOrEmpty(settings.Username)) await client.AuthenticateAsync(settings.Username, settings.Password ?? "", ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return $"{settings.Host}:{settings.Port}: {ex.Message}";
        }
    }

    private static async Task<string?> SendAsync(SmtpClient client, SmtpSettings settings, MailMessage message, CancellationToken ct)
    {
        var mime = new MimeMessage { Subject = message.Subject, Body = new TextPart("plain") { Text = message.Body } };
        mime.From.Add(MailboxAddress.Parse(settings.From!));
        mime.To.Add(MailboxAddress.Parse(message.To));
        try
        {
            await client.SendAsync(mime, ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return ex.Message;
        }
    }

    private void Record(MailMessage message, string? error, DateTime now)
    {
        message.Attempts++;
        message.LastAttemptAt = now;
        message.LastError = error is { Length: > WebhookDispatcher.MaxErrorLength } ? error[..WebhookDispatcher.MaxErrorLength] : error;
        if (error is null)
        {
            message.Status = DeliveryStatus.Delivered;
            return;
        }
        var (giveUp, next) = retries.CurrentValue.AfterFailure(message.CreatedAt, message.Attempts, now);
        message.Status = giveUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        message.NextAttemptAt = next;
        logger.LogWarning("Expiry email {Id} could not be sent (attempt {Attempts}{GaveUp}): {Error}", message.Id, message.Attempts,
            message.Status == DeliveryStatus.Failed ? ", giving up" : "", message.LastError);
    }
}
