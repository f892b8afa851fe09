using System.Net;

namespace EnfixPortal.Api.Tokens;

/// <summary>Who presented a token: the client address (behind a trusted proxy, the client it names) and the User-Agent
/// header, as the request carried them. Holding the two references costs the hot path nothing; they become the stored
/// text only when a batch of uses is written (<see cref="TokenUsage"/>).</summary>
public readonly record struct TokenClient(IPAddress? Address, string? UserAgent)
{
    /// <summary>Long enough for any IPv6 address with a zone.</summary>
    public const int MaxAddressLength = 64;

    /// <summary>Longer User-Agent headers are cut: the start names the client, the rest is noise.</summary>
    public const int MaxUserAgentLength = 256;

    public static readonly TokenClient Unknown = default;

    public string? AddressText
    {
        get
        {
            var text = Address?.ToString();
            return text is { Length: > MaxAddressLength } ? text[..MaxAddressLength] : text;
        }
    }

    public string? UserAgentText => string.IsNullOrEmpty(UserAgent) ? null
        : UserAgent.Length > MaxUserAgentLength ? UserAgent[..MaxUserAgentLength] : UserAgent;
}
