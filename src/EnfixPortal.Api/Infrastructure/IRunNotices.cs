namespace EnfixPortal.Api.Infrastructure;

/// <summary>How a process that does not serve requests (a command-line run) tells the running server, or every node, of
/// the revocations and changes it committed, before it exits.</summary>
public interface IRunNotices
{
    /// <summary>False when there was someone to tell who could not be reached.</summary>
    Task<bool> FlushAsync(CancellationToken ct = default);
}
