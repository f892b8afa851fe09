using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using System.Net.Sockets;

namespace EnfixPortal;

/// <summary>Why a start (of the server or of a CLI verb) could not go on, as one line for the operator and an exit code:
/// 1 a setting is invalid, 3 the database cannot be used, 4 the server cannot listen on its address. Anything else is a
/// bug and keeps its stack trace.</summary>
public sealed record StartupFailure(int ExitCode, string Message)
{
    public const int InvalidSetting = 1;
    public const int DatabaseUnavailable = 3;
    public const int CannotListen = 4;

    public static StartupFailure? Explain(Exception exception) => exception switch
    {
        OptionsValidationException invalid => new(InvalidSetting, $"invalid setting: {string.Join(" ", invalid.Failures)}"),
        DatabaseUnavailableException database => new(DatabaseUnavailable, database.Message),
        IOException { InnerException: AddressInUseException } inUse => new(CannotListen,
            $"{inUse.Message.TrimEnd('.')}: another process listens there. Stop it, or choose another address with --urls or ASPNETCORE_URLS."),
        IOException { InnerException: SocketException } bind => new(CannotListen,
            $"{bind.Message.TrimEnd('.')}. Choose an address this user may listen on with --urls or ASPNETCORE_URLS."),
        _ when SettingsValidation.DescribeConversionFailure(exception) is { } wrongType => new(InvalidSetting, $"invalid setting: {wrongType}"),
        _ => null,
    };

    /// <summary>Writes the one line to standard error; the exit code.</summary>
    public int Report(TextWriter error)
    {
        error.WriteLine($"error: {Message}");
        return ExitCode;
    }
}
