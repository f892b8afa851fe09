using EnfixPortal.Api.Infrastructure.Http;
using EnfixPortal.Api.Model;
using EnfixPortal.Api.Users;
using System.Text.Json;

namespace EnfixPortal.Api.Endpoints;

/// <summary>Turns POST and PATCH bodies of /users into service requests.</summary>
public static class UserBodies
{
    private const string ServerId = "The server chooses user ids.";
    private const string ReadOnly = "This field is read-only.";

    private static readonly Dictionary<string, string> Refused = new()
    {
        ["id"] = ServerId, ["_id"] = ServerId, ["created_at"] = ReadOnly, ["active_app_tokens"] = ReadOnly, ["active_tokens"] = ReadOnly,
    };

    private static readonly Dictionary<string, string> RefusedOnChange = new(Refused)
    {
        ["username"] = "A username cannot change; create a new user instead.",
    };

    public static ApiInput<CreateUserRequest> ParseCreate(JsonElement body)
    {
        var fields = JsonFields.Of(body, ["username", "password", "name", "email", "active", "roles"], Refused);
        var userName = fields.String("username");
        var password = fields.String("password");
        var name = fields.String("name");
        var email = fields.String("email");
        var active = fields.Bool("active");
        var admin = Admin(fields);
        if (fields.Error is { } error) return error;
        return new CreateUserRequest(userName, password, name, email, active ?? true, admin ?? false);
    }

    /// <summary>null or "" clears name and email; absent leaves them. What cannot be read goes with the change, for the
    /// service to refuse once the user is found.</summary>
    public static UpdateUserRequest ParseChange(JsonElement body)
    {
        var fields = JsonFields.Of(body, ["name", "email", "active", "roles", "password"], RefusedOnChange);
        if (fields.IsEmpty) fields.Fail("body", "Send at least one of name, email, active, roles, password.");
        var name = fields.String("name") ?? (fields.Has("name") ? "" : null);
        var email = fields.String("email") ?? (fields.Has("email") ? "" : null);
        var active = fields.Bool("active");
        var admin = Admin(fields);
        var password = fields.String("password");
        if (fields.Has("password") && password is null) fields.Fail("password", "password must be a string.");
        return new UpdateUserRequest(name, email, active, admin, password, fields.Invalid);
    }

    private static bool? Admin(JsonFields fields)
    {
        var roles = fields.Strings("roles");
        if (roles is null) return null;
        if (roles.FirstOrDefault(role => role != Roles.Admin) is { } unknown)
            fields.Fail("roles", $"Unknown role '{unknown}'; the only role is {Roles.Admin}.");
        return roles.Contains(Roles.Admin);
    }
}
