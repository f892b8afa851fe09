using EnfixPortal.Api.Changes;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Net.Sockets;
using System.Text;

namespace EnfixPortal.Api.Webhooks;

/// <summary>Sends due deliveries, signed the Standard Webhooks way. Each connection goes to an address checked at that
/// moment (a name that now resolves to a private address is refused), redirects are not followed, and an attempt that
/// fails is tried again later, the wait doubling each time, until <see cref="WebhookSettings.RetryFor"/> has passed.</summary>
public sealed class WebhookDispatcher : IDisposable
{
    public const int MaxErrorLength = 500;
    private const int Batch = 32;

    private readonly IDbContextFactory<EnfixDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<WebhookSettings> _settings;
    private readonly WebhookAddresses _addresses;
    private readonly WebhookSecrets _secrets;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly ChangeFeed _changes;
    private readonly HttpClient _http;

    public WebhookDispatcher(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, IOptionsMonitor<WebhookSettings> settings,
        WebhookAddresses addresses, WebhookSecrets secrets, ChangeFeed changes, ILogger<WebhookDispatcher> logger)
    {
        (_dbFactory, _time, _settings, _addresses, _secrets, _changes, _logger) = (dbFactory, time, settings, addresses, secrets, changes, logger);
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseCookies = false, UseProxy = false, ConnectCallback = ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        }) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("EnfixPortal-Webhooks/1");
    }

    /// <summary>Attempts every due delivery once (in batches, the attempts of a batch side by side). Returns how many.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            List<(WebhookDelivery Delivery, Webhook Webhook)> due;
            await using (var db = await _dbFactory.CreateDbContextAsync(ct))
            {
                due = (await db.WebhookDeliveries.AsNoTracking()
                    .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                    .Join(db.Webhooks.Where(w => w.Enabled), d => d.WebhookId, w => w.Id, (d, w) => new { d, w })
                    .OrderBy(x => x.d.NextAttemptAt).ThenBy(x => x.d.Id).Take(Batch).ToListAsync(ct)).Select(x => (x.d, x.w)).ToList();
            }
            await Task.WhenAll(due.Select(x => AttemptAsync(x.Delivery, x.Webhook, ct)));
            // An open delivery log shows each batch's outcome without a reload.
            if (due.Count > 0) _changes.Committed(ChangeAreas.Webhooks);
            total += due.Count;
            if (due.Count < Batch) return total;
        }
    }

    private async Task AttemptAsync(WebhookDelivery delivery, Webhook webhook, CancellationToken ct)
    {
        var (status, error) = await SendAsync(delivery, webhook, ct);
        var now = _time.GetUtcNow().UtcDateTime;
        var settings = _settings.CurrentValue;
        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        delivery.LastStatusCode = status;
        delivery.LastError = error?.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (error is null) delivery.Status = DeliveryStatus.Delivered;
        else
        {
            var (giveUp, next) = settings.AfterFailure(delivery.CreatedAt, delivery.Attempts, now);
            delivery.Status = giveUp ? DeliveryStatus.Failed : DeliveryStatus.Pending;
            delivery.NextAttemptAt = next;
            if (delivery.Status == DeliveryStatus.Failed)
                _logger.LogWarning("Webhook {Webhook} gave up on delivery {MessageId} ({EventType}) after {Attempts} attempts: {Error}",
                    webhook.PublicId, delivery.MessageId, delivery.EventType, delivery.Attempts, delivery.LastError);
            else
                _logger.LogWarning("Webhook {Webhook} delivery {MessageId} ({EventType}) failed on attempt {Attempts}: {Error}; next attempt at {NextAttemptAt:O}",
                    webhook.PublicId, delivery.MessageId, delivery.EventType, delivery.Attempts, delivery.LastError, delivery.NextAttemptAt);
        }
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        db.WebhookDeliveries.Update(delivery);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { } // the webhook and its log were deleted meanwhile
    }

    /// <summary>The receiver's status code, and null on success or what went wrong.</summary>
    private async Task<(int? Status, string? Error)> SendAsync(WebhookDelivery delivery, Webhook webhook, CancellationToken ct)
    {
        var timeout = _settings.CurrentValue.Timeout;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(timeout);
        try
        {
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", delivery.MessageId);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature",
                WebhookSecrets.Sign(_secrets.Unprotect(webhook.ProtectedSecret), delivery.MessageId, timestamp, delivery.Payload));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 300 ? (code, null) : (code, $"The receiver answered {code} {response.ReasonPhrase}.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"The receiver did not answer within {timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.InnerException is WebhookRefusedException refused ? refused.Message : Describe(ex));
        }
    }

    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{ex.Message} ({inner.Message})" : ex.Message;

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (addresses, error) = await _addresses.ResolveAsync(context.DnsEndPoint.Host, ct);
        if (error is not null) throw new WebhookRefusedException(error);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed class WebhookRefusedException(string message) : Exception(message);
}
