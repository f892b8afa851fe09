namespace EnfixPortal.Api.Tokens;

/// <summary>Each user token's last answer of one kind (the JSON of <c>/me</c>, the identity headers of the forward-auth
/// check), kept on the validation cache's entry for that token (<see cref="EntryMemo"/>) and dropped with it. An answer
/// shows nothing but what the cache holds for the pair: the user token's entry, the app token's entry and the two owners'
/// entries. It is reused only while the other entries it was made from are still the ones in use; as entries never
/// change, that is while everything it shows is what a new answer would show (decision 007).</summary>
public sealed class PairAnswers<T>(Func<TokenPrincipal, T> make) where T : class
{
    private readonly int _kind = EntryMemo.NewKind();

    public T For(TokenPrincipal caller)
    {
        if (caller.UserToken.Memo.Get(_kind) is Answer answer && answer.Shows(caller)) return answer.Value;
        answer = new Answer(caller.AppToken, caller.Owner, caller.AppOwner, make(caller));
        caller.UserToken.Memo.Set(_kind, answer);
        return answer.Value;
    }

    /// <summary>An answer and the entries it was made from besides the user token's own. The cache reloads a user's entry
    /// whenever it loads one of their tokens, so today a new user entry comes with a new token entry anyway; comparing
    /// the owners too keeps the answer right without relying on that.</summary>
    private sealed record Answer(CachedToken AppToken, CachedUser Owner, CachedUser AppOwner, T Value)
    {
        public bool Shows(TokenPrincipal caller) => ReferenceEquals(AppToken, caller.AppToken) && ReferenceEquals(Owner, caller.Owner)
            && ReferenceEquals(AppOwner, caller.AppOwner);
    }
}
