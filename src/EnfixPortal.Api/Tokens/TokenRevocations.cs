using EnfixPortal.Api.Model;

namespace EnfixPortal.Api.Tokens;

/// <summary>Tells whatever remembers validated tokens (the validation cache, other nodes) that a token or a whole
/// user no longer validates as it did. The service layer raises it after every change that could refuse a token.</summary>
public sealed class TokenRevocations
{
    public event Action<byte[]>? TokenChanged;
    public event Action<string>? UserChanged;

    public void Revoke(byte[] secretHash) => TokenChanged?.Invoke(secretHash);

    /// <summary>Every secret of <paramref name="token"/>: the current one and, during a rotation's grace period, the one before.</summary>
    public void Revoke(Token token)
    {
        Revoke(token.SecretHash);
        if (token.PreviousSecretHash is { } previous) Revoke(previous);
    }

    public void RevokeUser(string userId) => UserChanged?.Invoke(userId);
}
