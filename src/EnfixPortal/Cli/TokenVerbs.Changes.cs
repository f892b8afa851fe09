using System.Numerics;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Endpoints;
using EnfixPortal.Api.Tokens;

namespace EnfixPortal.Cli;

/// <summary><c>expire</c>, <c>delete</c> and <c>extend</c> of one token or several (<c>--id</c> repeated), through the same
/// <see cref="TokenChanges"/> methods as the API's and the portal's bulk actions.</summary>
public sealed partial class TokenVerbs
{
    private TokenChanges Bulk => services.GetRequiredService<TokenChanges>();

    public Func<Task<int>> Expire(CliArguments args, CancellationToken ct) =>
        OnSome(args, [], ids => Bulk.ExpireAsync(_actor, family, ids, ct), token => Describe(Item(token)));

    public Func<Task<int>> Delete(CliArguments args, CancellationToken ct) =>
        OnSome(args, [], ids => Bulk.DeleteAsync(_actor, family, ids, ct), token => $"Deleted {Noun} {token.Accessor}.");

    /// <summary>A new expiry --seconds from now for each token, by the rules of a PATCH; one that already expires later stays.</summary>
    public Func<Task<int>> Extend(CliArguments args, CancellationToken ct)
    {
        var seconds = BigInteger.TryParse(args.Required("seconds"), out var parsed) && parsed > 0 ? parsed
            : throw new CliUsageException("--seconds must be a whole number of seconds, 1 or more.");
        return OnSome(args, ["seconds"], ids => Bulk.ExtendAsync(_actor, family, ids, seconds, ct), token => Describe(Item(token)));
    }

    /// <summary>One --id answers as before: the token, or the refusal. Several answer the changed tokens and, on standard
    /// error, each one left with the reason (exit code 1 when any was left).</summary>
    private Func<Task<int>> OnSome(CliArguments args, string[] options, Func<IReadOnlyList<string>, Task<ServiceResult<TokenBatch>>> act,
        Func<TokenView, string> describe)
    {
        args.AllowOnly([.. options, "id", "json"]);
        var ids = args.Many("id") ?? throw new CliUsageException($"{args.Verb} needs --id.");
        return async () =>
        {
            var done = await act(ids);
            if (ids.Count == 1)
                return TokenBatch.Single(done) is { Error: { } refused } ? await output.FailAsync(refused)
                    : await output.ShowAsync(Item(done.Value!.Changed[0]), _ => describe(done.Value.Changed[0]));
            if (done.Error is { } failed) return await output.FailAsync(failed);
            var batch = done.Value!;
            await output.ShowAsync(TokenBulkAnswer<object>.From(batch, Item), _ => string.Join('\n', batch.Changed.Select(describe)));
            foreach (var refusal in batch.Refused) await output.Error.WriteLineAsync($"error: {refusal.Accessor}: {refusal.Reason}");
            return batch.Refused.Count == 0 ? 0 : 1;
        };
    }
}
