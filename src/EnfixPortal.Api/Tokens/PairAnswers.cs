using System.Runtime.CompilerServices;

namespace EnfixPortal.Api.Tokens;

/// <summary>Each user token's last answer of one kind (the JSON of <c>/me</c>, the identity headers of the forward-auth
/// check), kept beside the validation cache's entry for it and dropped with it. An answer shows nothing but what the cache
/// holds, and the cache replaces a token's or user's entry whenever it changes (a new expiry, a revocation, any change to
/// the user), so an answer is reused only while the entries it was made from are still the ones in use (decision 007).</summary>
public sealed class PairAnswers<T>(Func<TokenPrincipal, T> make) where T : class
{
    private readonly ConditionalWeakTable<CachedToken, Answer> _answers = new();

    public T For(TokenPrincipal caller)
    {
        if (_answers.TryGetValue(caller.UserToken, out var answer) && answer.Shows(caller)) return answer.Value;
        answer = new Answer(caller.AppToken, caller.Owner, make(caller));
        _answers.AddOrUpdate(caller.UserToken, answer);
        return answer.Value;
    }

    /// <summary>An answer and the entries it was made from. The cache refreshes a user's entry whenever it loads one of
    /// their tokens, so today a new user entry comes with a new token entry anyway; comparing the owner too keeps the
    /// answer right without relying on that.</summary>
    private sealed record Answer(CachedToken AppToken, CachedUser Owner, T Value)
    {
        public bool Shows(TokenPrincipal caller) => ReferenceEquals(AppToken, caller.AppToken) && ReferenceEquals(Owner, caller.Owner);
    }
}
