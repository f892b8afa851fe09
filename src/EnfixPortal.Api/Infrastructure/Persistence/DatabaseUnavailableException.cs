namespace EnfixPortal.Api.Infrastructure.Persistence;

/// <summary>The database named by the settings cannot be used at start. The message is the whole explanation for the operator:
/// what was tried (path or address), what happened and what to do; the host prints it as one line and exits.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
