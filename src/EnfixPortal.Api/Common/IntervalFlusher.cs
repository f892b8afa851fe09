using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnfixPortal.Api.Common;

/// <summary>Writes down what a service gathered in memory on an interval and once more at shutdown; a failed write is
/// logged and left for the next tick.</summary>
public abstract class IntervalFlusher(TimeSpan interval, ILogger logger, string what) : BackgroundService
{
    protected abstract Task FlushAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushSafelyAsync();
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushSafelyAsync();
    }

    private async Task FlushSafelyAsync()
    {
        try { await FlushAsync(CancellationToken.None); }
        catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogWarning(ex, "Could not record {What}; will retry", what); }
    }
}
