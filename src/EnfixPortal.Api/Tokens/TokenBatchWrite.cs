using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace EnfixPortal.Api.Tokens;

/// <summary>One write for a change to one or many tokens: finds the named tokens the actor may see (a token it may not see
/// is refused exactly as a missing one), applies the step to each in one transaction, announces the tokens that ended
/// (<see cref="TokenEvents.RevokedAsync"/>), ends the tokens made with one that ended early (<see cref="TokenDescendants"/>)
/// and, once committed, revokes every changed secret.</summary>
internal sealed class TokenBatchWrite(IDbContextFactory<EnfixDbContext> dbFactory, TimeProvider time, AuditLog audit,
    TokenRevocations revocations, TokenEvents events, WebhookOutbox outbox)
{
    public delegate Task<ServiceError?> Step(EnfixDbContext db, Token token, DateTime now);

    public async Task<ServiceResult<TokenBatch>> RunAsync(Actor actor, TokenFamily family, IReadOnlyCollection<string> ids, bool deleting, Step step,
        CancellationToken ct)
    {
        var named = ids.Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0) return ServiceError.Validation(TokenBatch.Field, "Name at least one token.");
        if (named.Count > TokenBatch.MaxSize)
            return ServiceError.Validation(TokenBatch.Field, $"Name at most {TokenBatch.MaxSize} tokens at once; {named.Count} were named.");
        // A token deleted, or announced as ended, by a request running at the same moment: read again, and what it did is seen.
        for (var tries = 1; ; tries++)
        {
            try { return await RunOnceAsync(actor, family, named, deleting, step, ct); }
            catch (DbUpdateException ex) when (tries < 10 && ConcurrentWrite.RaceLost(ex)) { }
        }
    }

    private async Task<TokenBatch> RunOnceAsync(Actor actor, TokenFamily family, List<string> named, bool deleting, Step step, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var found = await FindAsync(db, family, named, ct);
        var (changed, refused, seen) = (new List<(Token Token, DateTime Before)>(), new List<TokenRefusal>(), new HashSet<long>());
        foreach (var id in named)
        {
            if (!found.TryGetValue(id, out var token) || !actor.MayActFor(token.UserId))
                refused.Add(new TokenRefusal(Shown(id), null, null, TokenLookup.NotFound(family)));
            else if (seen.Add(token.Id))
            {
                var before = token.ExpiresAt;
                if (await step(db, token, now) is { } reason) refused.Add(new TokenRefusal(token.Accessor, token.Name, token.Hint, reason));
                else changed.Add((token, before));
            }
        }
        if (changed.Count == 0) return new TokenBatch([], refused);

        var ended = changed.Where(c => c.Before > now && (deleting || c.Token.ExpiresAt <= now)).Select(c => c.Token).ToList();
        await events.RevokedAsync(db, ended, deleting, ct);
        await db.SaveChangesAsync(ct);
        var capped = new List<byte[]>();
        foreach (var (token, before) in changed)
            if ((deleting ? now : token.ExpiresAt) is var end && end < before)
                capped.AddRange(await TokenDescendants.CapAsync(db, audit, actor, token, end, ct));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var (token, _) in changed) revocations.Revoke(token);
        foreach (var hash in capped) revocations.Revoke(hash);
        outbox.Wake();
        return new TokenBatch(changed.ConvertAll(c => TokenMapping.ToView(c.Token, c.Token.User?.UserName, now)), refused);
    }

    /// <summary>The named tokens of the family by id: an accessor, or (a single API path, a CLI argument) the secret itself.</summary>
    private static async Task<Dictionary<string, Token>> FindAsync(EnfixDbContext db, TokenFamily family, List<string> named, CancellationToken ct)
    {
        var tokens = db.Tokens.OfFamily(family).Include(t => t.User);
        var accessors = named.Where(TokenSecrets.LooksLikeAccessor).ToList();
        var found = accessors.Count == 0 ? [] : await tokens.Where(t => accessors.Contains(t.Accessor)).ToDictionaryAsync(t => t.Accessor, ct);
        foreach (var secret in named.Where(TokenSecrets.LooksLikeSecret))
            if (await TokenLookup.Matching(tokens, secret)!.SingleOrDefaultAsync(ct) is { } token) found[secret] = token;
        return found;
    }

    /// <summary>How a refusal names a token it did not find: a secret only by its first characters, as a hint shows it.</summary>
    private static string Shown(string id) => TokenSecrets.LooksLikeSecret(id) ? TokenSecrets.Hint(id) + "…" : id;
}
