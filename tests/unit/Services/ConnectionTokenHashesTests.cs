using EnfixPortal.Api.Tokens;

namespace EnfixPortal.Tests.Services;

public sealed class ConnectionTokenHashesTests
{
    [Fact]
    public void EverySecretGetsItsOwnHashWhateverTheConnectionSentBefore()
    {
        var hashes = new ConnectionTokenHashes();
        var (a, b) = (TokenSecrets.NewSecret(), TokenSecrets.NewSecret());
        var lastLetterOff = a[..^1] + (a[^1] == '0' ? '1' : '0');
        var firstLetterOff = (a[0] == '0' ? '1' : '0') + a[1..];

        foreach (var secret in new[] { a, a, b, a, lastLetterOff, a, firstLetterOff, a, new string(a.AsSpan()) })
        {
            Assert.Equal(TokenSecrets.HashKeyOf(secret), hashes.App(secret));
            Assert.Equal(TokenSecrets.HashKeyOf(secret), hashes.User(secret));
        }
    }

    [Fact]
    public void TheAppAndUserSlotsDoNotMix()
    {
        var hashes = new ConnectionTokenHashes();
        var (app, user) = (TokenSecrets.NewSecret(), TokenSecrets.NewSecret());

        Assert.Equal(TokenSecrets.HashKeyOf(app), hashes.App(app));
        Assert.Equal(TokenSecrets.HashKeyOf(user), hashes.User(user));
        Assert.Equal(TokenSecrets.HashKeyOf(user), hashes.App(user));
        Assert.Equal(TokenSecrets.HashKeyOf(app), hashes.User(app));
    }
}
