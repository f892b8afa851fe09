using EnfixPortal.Api.Model;
using EnfixPortal.Api.Users;
using System.Text.Json.Serialization;

namespace EnfixPortal.Api.Endpoints;

/// <summary>A user as the API shows it; never a password, not even an empty one.</summary>
public sealed record UserItem(
    string Id, string Username, string? Name, string? Email, bool Active, string[] Roles, DateTime CreatedAt,
    int ActiveAppTokens, int ActiveTokens)
{
    public static UserItem From(UserView user) => new(
        user.Id, user.UserName, user.DisplayName, user.Email, user.Active, user.Admin ? [Model.Roles.Admin] : [], user.CreatedAt,
        user.ActiveAppTokens, user.ActiveUserTokens);
}

/// <summary>Enfix's answer to a created resource: where it lives and its id.</summary>
public sealed record UserCreated(string ResourceUrl, [property: JsonPropertyName("_id")] string Id);

/// <summary>The fields a POST may send (for the OpenAPI document); username and password are required.</summary>
public sealed class CreateUserBody
{
    public required string Username { get; init; }
    public required string Password { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public bool? Active { get; init; }
    /// <summary>[] or ["admin"].</summary>
    public string[]? Roles { get; init; }
}

/// <summary>The fields a PATCH may send: at least one; <c>{"active": false}</c> deactivates and stops every token at once.</summary>
public sealed class ChangeUserBody
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public bool? Active { get; init; }
    public string[]? Roles { get; init; }
    public string? Password { get; init; }
}

/// <summary>The caller of <c>GET /api/v1/me</c> and the two tokens in use. <paramref name="Scopes"/>: what the pair allows, the
/// scopes both tokens carry; null when neither token is scoped (the user's full rights).</summary>
public sealed record MeItem(string Id, string Username, IReadOnlyList<string> Roles, IReadOnlyList<string>? Scopes, TokenInUse AppToken,
    TokenInUse Token);

/// <param name="Scopes">Null: the token has its owner's full rights.</param>
public sealed record TokenInUse(string Accessor, string Kind, DateTime ExpiresAt, IReadOnlyList<string>? Scopes);
