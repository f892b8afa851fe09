namespace EnfixPortal.Tests.Infrastructure;

/// <summary>Token secrets that have the right shape and are still wrong.</summary>
public static class WrongSecrets
{
    /// <summary>Still lowercase hex of the same length, differing from <paramref name="secret"/> in the letter at
    /// <paramref name="at"/> alone.</summary>
    public static string OneLetterOff(string secret, Index at)
    {
        var letters = secret.ToCharArray();
        letters[at] = letters[at] == '0' ? '1' : '0';
        return new string(letters);
    }
}
