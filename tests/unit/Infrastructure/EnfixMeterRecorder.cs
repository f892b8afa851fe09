using EnfixPortal.Api.Common;
using System.Diagnostics.Metrics;

namespace EnfixPortal.Tests.Infrastructure;

/// <summary>Records what the EnfixPortal meter of one host publishes, as any standard metrics listener would read it.</summary>
public sealed class EnfixMeterRecorder : IDisposable
{
    private readonly List<(string Instrument, string Tag)> _measurements = [];
    private readonly MeterListener _listener = new();

    public EnfixMeterRecorder(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EnfixMetrics.MeterName && instrument.Meter.Scope == meters) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            lock (_measurements) _measurements.Add((instrument.Name, (string)tags[0].Value!));
        });
        _listener.Start();
    }

    public IReadOnlyList<(string Instrument, string Tag)> Measurements
    {
        get { lock (_measurements) return [.. _measurements]; }
    }

    public IEnumerable<string> Tags(string instrument) => Measurements.Where(m => m.Instrument == instrument).Select(m => m.Tag);

    public void Dispose() => _listener.Dispose();
}
