using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace EnfixPortal.Api.Webhooks;

/// <summary>Signing secrets in the Standard Webhooks form (<c>whsec_</c> and base64 of 24 random bytes), kept in the
/// database protected by the Data Protection keys every node shares, and the signature each delivery carries.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "whsec_";
    private readonly IDataProtector _protector = protection.CreateProtector("EnfixPortal.Webhooks.SigningSecret");

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>The <c>webhook-signature</c> header's value: <c>v1,</c> and the base64 HMAC-SHA256, keyed with the secret's
    /// bytes, of <c>{id}.{timestamp}.{body}</c>.</summary>
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
