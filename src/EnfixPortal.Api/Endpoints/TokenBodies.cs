using System.Text.Json;
using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Tokens;
using EnfixPortal.Api.Users;
using EnfixPortal.Api.Webhooks;

namespace EnfixPortal.Api.Endpoints;

/// <summary>Turns POST and PATCH bodies of /app_tokens and /tokens into service requests.</summary>
public static class TokenBodies
{
    private const string Generated = "You cannot choose the token string; the server generates it. Send seconds_until_expire, name, user or scopes.";
    private const string ReadOnly = "This field is read-only; send seconds_until_expire or name.";

    private static readonly Dictionary<string, string> Refused = new()
    {
        ["app_token"] = Generated, ["token"] = Generated, ["id"] = Generated, ["accessor"] = Generated,
        ["secret"] = Generated, ["hint"] = Generated,
        ["kind"] = ReadOnly, ["issued_by"] = ReadOnly, ["created_at"] = ReadOnly, ["expires_at"] = ReadOnly,
        ["expired"] = ReadOnly, ["last_used_at"] = ReadOnly, ["last_used_ip"] = ReadOnly,
        ["last_used_user_agent"] = ReadOnly, ["created_by"] = ReadOnly,
    };

    private const string ScopesFixed = "A token's scopes are set when it is created; create a new token with the scopes you need.";

    private static readonly Dictionary<string, string> RefusedOnChange = new(Refused)
    {
        ["user"] = "A token's owner cannot change; create a new token for that user instead.",
        [TokenScopes.Field] = ScopesFixed,
    };

    /// <summary>The request as sent; what cannot be read goes with it, for the service to refuse after its permission check.</summary>
    public static CreateTokenRequest ParseCreate(JsonElement body)
    {
        var fields = JsonFields.Of(body, [Expiry.Field, "name", "user", TokenScopes.Field], Refused);
        var user = fields.String("user", TokenService.MalformedUserId);
        var name = fields.String("name");
        var seconds = fields.Integer(Expiry.Field);
        var scopes = fields.Strings(TokenScopes.Field, nullIsAbsent: true,
            "scopes must be an array of strings, such as [\"orders:read\", \"orders:write\"].");
        return new CreateTokenRequest(user, name, seconds, scopes, fields.Invalid);
    }

    public static ApiInput<RotateTokenRequest> ParseRotate(JsonElement body)
    {
        var fields = JsonFields.Of(body, [TokenRotation.GraceField], new Dictionary<string, string>());
        var grace = fields.Integer(TokenRotation.GraceField,
            $"{TokenRotation.GraceField} must be a whole number of seconds written without a fraction or exponent, such as 3600.");
        if (fields.Error is { } error) return error;
        return new RotateTokenRequest(grace);
    }

    /// <summary>The change as sent; what cannot be read goes with it, for the service to refuse once the token is found.</summary>
    public static ChangeTokenRequest ParseChange(JsonElement body)
    {
        var fields = JsonFields.Of(body, [Expiry.Field, "name"], RefusedOnChange);
        var name = fields.String("name");
        var seconds = fields.Integer(Expiry.Field);
        return new ChangeTokenRequest(seconds, name, SetName: fields.Has("name"), fields.Invalid);
    }
}
