using System.Numerics;
using System.Text.Json;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Tokens;

namespace EnfixPortal.Api.Endpoints;

public enum BulkAction { Expire, Delete, Extend }

/// <summary>A <c>POST .../bulk</c> as read: the action, the accessors named and, to extend, the new lifetime.</summary>
public sealed record BulkTokenRequest(BulkAction Action, IReadOnlyList<string> Accessors, BigInteger? SecondsUntilExpire);

/// <summary>The body of <c>POST /api/v1/app_tokens/bulk</c> and <c>/tokens/bulk</c> (for the OpenAPI document; the body is
/// read field by field).</summary>
public sealed class BulkTokenBody
{
    /// <summary><c>expire</c> (now, keeping the records), <c>delete</c> or <c>extend</c>.</summary>
    public required string Action { get; init; }
    /// <summary>1-500 token accessors (24 hex), never the tokens themselves; one named twice counts once.</summary>
    public required string[] Accessors { get; init; }
    /// <summary>For <c>extend</c> only, and required there: the new lifetime, counted from now, at least 1.</summary>
    public long? SecondsUntilExpire { get; init; }
}

public static class TokenBulkBody
{
    private const string ActionField = "action";
    private const string Actions = "expire, delete or extend";

    public static ApiInput<BulkTokenRequest> Parse(JsonElement body)
    {
        var fields = JsonFields.Of(body, [ActionField, TokenBatch.Field, Expiry.Field], new Dictionary<string, string>());
        var actionName = fields.String(ActionField, $"action must be a string: {Actions}.");
        BulkAction? action = actionName switch
        {
            "expire" => BulkAction.Expire, "delete" => BulkAction.Delete, "extend" => BulkAction.Extend, _ => null,
        };
        if (action is null && !fields.Has(ActionField)) fields.Fail(ActionField, $"action is required: {Actions}.");
        else if (action is null) fields.Fail(ActionField, $"action must be {Actions}.");
        var accessors = fields.Strings(TokenBatch.Field, wrongType: "accessors must be an array of token accessors, such as [\"f323e096db6a0e2611bf8b0d\"].");
        if (accessors is null && !fields.Has(TokenBatch.Field)) fields.Fail(TokenBatch.Field, "accessors is required: the accessors of the tokens to change.");
        var bad = accessors is null ? -1 : accessors.ToList().FindIndex(a => !TokenSecrets.LooksLikeAccessor(a));
        if (bad >= 0)
            fields.Fail(TokenBatch.Field, $"Each entry must be a token's accessor (24 lowercase hex characters), never the token itself; entry {bad + 1} is not.");
        var seconds = fields.Integer(Expiry.Field, "seconds_until_expire must be a whole number of seconds written without a fraction or exponent, such as 2592000.");
        if (action == BulkAction.Extend && !fields.Has(Expiry.Field))
            fields.Fail(Expiry.Field, "seconds_until_expire is required to extend: the new lifetime in seconds, counted from now.");
        if (action is BulkAction.Expire or BulkAction.Delete && fields.Has(Expiry.Field))
            fields.Fail(Expiry.Field, "seconds_until_expire is only for extend.");
        if (fields.Error is { } error) return error;
        return new BulkTokenRequest(action!.Value, accessors!, seconds);
    }
}
