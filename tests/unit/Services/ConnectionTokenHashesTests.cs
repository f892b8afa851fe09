using EnfixPortal.Api.Tokens;
using static EnfixPortal.Tests.Infrastructure.WrongSecrets;

namespace EnfixPortal.Tests.Services;

public sealed class ConnectionTokenHashesTests
{
    [Fact]
    public void EverySecretGetsItsOwnHashWhateverTheConnectionSentBefore()
    {
        var hashes = new ConnectionTokenHashes();
        var (a, b) = (TokenSecrets.NewSecret(), TokenSecrets.NewSecret());

        foreach (var secret in new[] { a, a, b, a, OneLetterOff(a, ^1), a, OneLetterOff(a, 0), a, new string(a.AsSpan()) })
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
