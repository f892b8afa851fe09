using System.Net;
using System.Text;

namespace EnfixPortal.Tests.Api;

/// <summary>A catalogue of bad requests: each answers its status in the {"errors": {field: message}} shape and changes nothing.
/// Placeholders: {app} an app token's accessor, {token} a user token's accessor, {admin} the administrator's id.</summary>
public abstract class MalformedRequestTests(ApiFixture api)
{
    private const string Json = "application/json";
    private const string AppTokens = "/api/v1/app_tokens/";
    private const string Tokens = "/api/v1/tokens/";
    private const string Users = "/api/v1/users/";
    private const string Login = "/api/v1/token/";
    private const string Secret = "5aa59576866e4167b26c8430fd4e4d29";

    private sealed record Case(string Method, string Path, string? ContentType, string? Body, int Status, string Field);

    private static readonly Dictionary<string, Case> Catalogue = new()
    {
        ["text that is not JSON"] = new("POST", AppTokens, Json, "not json", 400, "body"),
        ["JSON cut short"] = new("POST", AppTokens, Json, "{\"seconds_until_expire\": 5", 400, "body"),
        ["null body"] = new("POST", AppTokens, Json, "null", 400, "body"),
        ["array body"] = new("POST", AppTokens, Json, "[]", 400, "body"),
        ["number body"] = new("POST", AppTokens, Json, "42", 400, "body"),
        ["string body"] = new("POST", Tokens, Json, "\"86400\"", 400, "body"),
        ["boolean body"] = new("POST", Tokens, Json, "true", 400, "body"),
        ["duplicate field"] = new("POST", AppTokens, Json, """{"seconds_until_expire": 1, "seconds_until_expire": 2}""", 400, "body"),
        ["nesting 40 deep"] = new("POST", AppTokens, Json, "{\"name\": " + new string('[', 40) + new string(']', 40) + "}", 400, "body"),
        ["invalid UTF-8"] = new("POST", AppTokens, Json, "<invalid-utf8>", 400, "body"),
        ["name with a lone surrogate escape"] = new("POST", Tokens, Json, """{"name": "\ud800"}""", 400, "body"),
        ["field name with a lone surrogate escape"] = new("POST", AppTokens, Json, """{"\udc00": 1}""", 400, "body"),
        ["login with a lone surrogate escape"] = new("POST", Login, Json, """{"username": "\ud800", "password": "x", "app_token": "{apptoken}"}""", 400, "body"),
        ["trailing garbage"] = new("POST", AppTokens, Json, "{} x", 400, "body"),
        ["two objects"] = new("POST", Tokens, Json, "{}{}", 400, "body"),
        ["seconds with a fraction"] = new("POST", AppTokens, Json, """{"seconds_until_expire": 86400.0}""", 400, "seconds_until_expire"),
        ["seconds with an exponent"] = new("POST", AppTokens, Json, """{"seconds_until_expire": 1e5}""", 400, "seconds_until_expire"),
        ["seconds with a capital exponent"] = new("POST", Tokens, Json, """{"seconds_until_expire": 1E+3}""", 400, "seconds_until_expire"),
        ["negative fraction"] = new("POST", Tokens, Json, """{"seconds_until_expire": -1.5}""", 400, "seconds_until_expire"),
        ["seconds as a string"] = new("POST", AppTokens, Json, """{"seconds_until_expire": "86400"}""", 400, "seconds_until_expire"),
        ["seconds as a boolean"] = new("POST", AppTokens, Json, """{"seconds_until_expire": true}""", 400, "seconds_until_expire"),
        ["seconds null"] = new("POST", Tokens, Json, """{"seconds_until_expire": null}""", 400, "seconds_until_expire"),
        ["seconds in an array"] = new("POST", AppTokens, Json, """{"seconds_until_expire": [86400]}""", 400, "seconds_until_expire"),
        ["seconds as an object"] = new("POST", Tokens, Json, """{"seconds_until_expire": {"s": 1}}""", 400, "seconds_until_expire"),
        ["seconds past 9999-12-31"] = new("POST", AppTokens, Json, """{"seconds_until_expire": 1000000000000000000000000000000}""", 400, "seconds_until_expire"),
        ["seconds just past 9999-12-31"] = new("POST", Tokens, Json, """{"seconds_until_expire": 252455616000}""", 400, "seconds_until_expire"),
        ["user as a number"] = new("POST", Tokens, Json, """{"user": 123}""", 400, "user"),
        ["user too short"] = new("POST", Tokens, Json, """{"seconds_until_expire": 86400, "user": "52c5fc24a64c9efc0f25353"}""", 400, "user"),
        ["user in capitals"] = new("POST", Tokens, Json, """{"user": "52C5FC24A64C9EFC0F253535"}""", 400, "user"),
        ["user not hex"] = new("POST", AppTokens, Json, """{"user": "zzzzzzzzzzzzzzzzzzzzzzzz"}""", 400, "user"),
        ["user well formed but unknown"] = new("POST", Tokens, Json, """{"user": "52c5fc24a64c9efc0f253535"}""", 400, "user"),
        ["user as an array"] = new("POST", Tokens, Json, """{"user": ["52c5fc24a64c9efc0f253535"]}""", 400, "user"),
        ["name as a number"] = new("POST", AppTokens, Json, """{"name": 5}""", 400, "name"),
        ["name too long"] = new("POST", AppTokens, Json, $$"""{"name": "{{new string('n', 201)}}"}""", 400, "name"),
        ["name with a control character"] = new("POST", Tokens, Json, """{"name": "a\u0001b"}""", 400, "name"),
        ["choosing the app token string"] = new("POST", AppTokens, Json, $$"""{"app_token": "{{Secret}}"}""", 400, "app_token"),
        ["choosing the token string"] = new("POST", Tokens, Json, $$"""{"token": "{{Secret}}"}""", 400, "token"),
        ["choosing the id"] = new("POST", AppTokens, Json, $$"""{"id": "{{Secret}}"}""", 400, "id"),
        ["choosing the accessor"] = new("POST", Tokens, Json, """{"accessor": "0123456789abcdef01234567"}""", 400, "accessor"),
        ["choosing the secret"] = new("POST", AppTokens, Json, $$"""{"secret": "{{Secret}}"}""", 400, "secret"),
        ["choosing the hint"] = new("POST", AppTokens, Json, """{"hint": "5aa5"}""", 400, "hint"),
        ["setting expires_at"] = new("POST", AppTokens, Json, """{"expires_at": "2030-01-01T00:00:00Z"}""", 400, "expires_at"),
        ["setting the kind"] = new("POST", Tokens, Json, """{"kind": "login"}""", 400, "kind"),
        ["setting issued_by"] = new("POST", Tokens, Json, """{"issued_by": "52c5fc24a64c9efc0f253535"}""", 400, "issued_by"),
        ["misspelt field"] = new("POST", AppTokens, Json, """{"seconds_until_expires": 5}""", 400, "seconds_until_expires"),
        ["JSON sent as text/plain"] = new("POST", AppTokens, "text/plain", """{"seconds_until_expire": 5}""", 415, "body"),
        ["form sent to a JSON endpoint"] = new("POST", Tokens, "application/x-www-form-urlencoded", "seconds_until_expire=5", 415, "body"),
        ["JSON in latin1"] = new("POST", AppTokens, "application/json; charset=iso-8859-1", "{}", 415, "body"),
        ["no content type"] = new("POST", Tokens, null, "{}", 415, "body"),
        ["body over 64 KB"] = new("POST", AppTokens, Json, "<70KB>", 413, "body"),
        ["chunked body over 64 KB"] = new("POST", Tokens, Json, "<70KB-chunked>", 413, "body"),
        ["patch with nothing"] = new("PATCH", AppTokens + "{app}/", Json, "{}", 400, "body"),
        ["patch with an empty body"] = new("PATCH", Tokens + "{token}/", null, null, 400, "body"),
        ["patch changing the owner"] = new("PATCH", AppTokens + "{app}/", Json, """{"user": "{admin}"}""", 400, "user"),
        ["patch seconds as a word"] = new("PATCH", Tokens + "{token}/", Json, """{"seconds_until_expire": "soon"}""", 400, "seconds_until_expire"),
        ["patch name as a boolean"] = new("PATCH", AppTokens + "{app}/", Json, """{"name": false}""", 400, "name"),
        ["patch good seconds with a bad name"] = new("PATCH", AppTokens + "{app}/", Json, """{"seconds_until_expire": -1, "name": 7}""", 400, "name"),
        ["patch good seconds with a long name"] = new("PATCH", Tokens + "{token}/", Json, $$"""{"seconds_until_expire": -1, "name": "{{new string('n', 201)}}"}""", 400, "name"),
        ["patch past 9999-12-31"] = new("PATCH", Tokens + "{token}/", Json, """{"seconds_until_expire": 99999999999999999999}""", 400, "seconds_until_expire"),
        ["patch an unknown accessor"] = new("PATCH", AppTokens + "0123456789abcdef01234567/", Json, """{"name": "x"}""", 404, "id"),
        ["patch an id of no known shape"] = new("PATCH", Tokens + "xyz/", Json, """{"name": "x"}""", 404, "id"),
        ["patch an unknown token with a broken body"] = new("PATCH", Tokens + $"{Secret}/", Json, "not json", 404, "id"),
        ["patch an unknown token with nothing to change"] = new("PATCH", Tokens + $"{Secret}/", Json, "{}", 404, "id"),
        ["patch an app token through /tokens"] = new("PATCH", Tokens + "{app}/", Json, """{"name": "x"}""", 404, "id"),
        ["delete an unknown token"] = new("DELETE", Tokens + $"{Secret}/", null, null, 404, "id"),
        ["get a user token through /app_tokens"] = new("GET", AppTokens + "{token}/", null, null, 404, "id"),
        ["page zero"] = new("GET", AppTokens + "?page=0", null, null, 400, "page"),
        ["page as a word"] = new("GET", AppTokens + "?page=abc", null, null, 400, "page"),
        ["negative page"] = new("GET", Tokens + "?page=-1", null, null, 400, "page"),
        ["page past int"] = new("GET", Tokens + "?page=99999999999", null, null, 400, "page"),
        ["per_page over 500"] = new("GET", AppTokens + "?per_page=501", null, null, 400, "per_page"),
        ["page given twice"] = new("GET", Tokens + "?page=1&page=2", null, null, 400, "page"),
        ["per_page given twice"] = new("GET", AppTokens + "?per_page=1&per_page=2", null, null, 400, "per_page"),
        ["per_page zero"] = new("GET", Users + "?per_page=0", null, null, 400, "per_page"),
        ["kind app on /tokens"] = new("GET", Tokens + "?kind=app", null, null, 400, "kind"),
        ["malformed user filter"] = new("GET", Tokens + "?user=bad", null, null, 400, "user"),
        ["malformed user filter on app tokens"] = new("GET", AppTokens + "?user=52C5FC24A64C9EFC0F253535", null, null, 400, "user"),
        ["active filter not a boolean"] = new("GET", Users + "?active=maybe", null, null, 400, "active"),
        ["user without username"] = new("POST", Users, Json, """{"password": "N3w-Passw0rd!"}""", 400, "username"),
        ["user with a weak password"] = new("POST", Users, Json, """{"username": "weak", "password": "short"}""", 400, "password"),
        ["username taken, in other letter case"] = new("POST", Users, Json, """{"username": "ADMIN", "password": "N3w-Passw0rd!"}""", 400, "username"),
        ["username as a number"] = new("POST", Users, Json, """{"username": 5, "password": "N3w-Passw0rd!"}""", 400, "username"),
        ["unknown role"] = new("POST", Users, Json, """{"username": "r1", "password": "N3w-Passw0rd!", "roles": ["root"]}""", 400, "roles"),
        ["roles as a string"] = new("POST", Users, Json, """{"username": "r2", "password": "N3w-Passw0rd!", "roles": "admin"}""", 400, "roles"),
        ["active as a word"] = new("POST", Users, Json, """{"username": "a1", "password": "N3w-Passw0rd!", "active": "yes"}""", 400, "active"),
        ["email not an address"] = new("POST", Users, Json, """{"username": "e1", "password": "N3w-Passw0rd!", "email": "nope"}""", 400, "email"),
        ["choosing a user id"] = new("POST", Users, Json, """{"_id": "52c5fc24a64c9efc0f253535", "username": "i1", "password": "N3w-Passw0rd!"}""", 400, "_id"),
        ["user patch with nothing"] = new("PATCH", Users + "{admin}/", Json, "{}", 400, "body"),
        ["user patch renaming"] = new("PATCH", Users + "{admin}/", Json, """{"username": "root"}""", 400, "username"),
        ["user patch with a weak password"] = new("PATCH", Users + "{admin}/", Json, """{"password": "short"}""", 400, "password"),
        ["user patch of an unknown user"] = new("PATCH", Users + "52c5fc24a64c9efc0f253535/", Json, """{"name": "x"}""", 404, "id"),
        ["user patch of an unknown user with a bad email"] = new("PATCH", Users + "52c5fc24a64c9efc0f253535/", Json, """{"email": "nope"}""", 404, "id"),
        ["deactivating the last administrator"] = new("PATCH", Users + "{admin}/", Json, """{"active": false}""", 409, "active"),
        ["deleting the last administrator"] = new("DELETE", Users + "{admin}/", null, null, 409, "id"),
        ["login as text/plain"] = new("POST", Login, "text/plain", "username=admin&password=x", 415, "body"),
        ["login with username as a number"] = new("POST", Login, Json, """{"username": 5, "password": "x", "app_token": "{apptoken}"}""", 400, "username"),
        ["login without username"] = new("POST", Login, "application/x-www-form-urlencoded", "password=x&app_token={apptoken}", 400, "username"),
        ["login without password"] = new("POST", Login, "application/x-www-form-urlencoded", "username=admin&app_token={apptoken}", 400, "password"),
        ["login with username twice"] = new("POST", Login, "application/x-www-form-urlencoded", "username=admin&username=bob&password=x", 400, "username"),
        ["login as a JSON array"] = new("POST", Login, Json, "[]", 400, "body"),
        ["login over 64 KB"] = new("POST", Login, "application/x-www-form-urlencoded", "<70KB>", 413, "body"),
        ["login with a broken multipart body"] = new("POST", Login, "multipart/form-data; boundary=xyz", "--xyz\r\nbroken", 400, "body"),
        ["unknown API path"] = new("GET", "/api/v1/nope", null, null, 404, "path"),
        ["unknown API version"] = new("POST", "/api/v2/app_tokens/", Json, "{}", 404, "path"),
        ["bare /api"] = new("GET", "/api", null, null, 404, "path"),
        ["DELETE on a collection"] = new("DELETE", AppTokens, null, null, 405, "method"),
        ["POST on an item"] = new("POST", Tokens + "{token}/", Json, "{}", 405, "method"),
        ["PUT on a user"] = new("PUT", Users + "{admin}/", Json, "{}", 405, "method"),
        ["GET on login"] = new("GET", Login, null, null, 405, "method"),
    };

    public static TheoryData<string> Names() => new(Catalogue.Keys);

    [Fact]
    public void CatalogueHoldsAtLeastSixtyCases() => Assert.True(Catalogue.Count >= 60, $"{Catalogue.Count} cases");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task MalformedRequestIsRefusedInTheErrorShapeAndChangesNothing(string name)
    {
        var item = Catalogue[name];
        var before = await api.SnapshotAsync();

        var answer = await api.Client.SendAsync(new HttpMethod(item.Method), Fill(item.Path), api.Admin, Content(item));

        Assert.Equal((HttpStatusCode)item.Status, answer.Status);
        Assert.StartsWith("application/json", answer.Header("Content-Type"));
        Assert.Contains(item.Field, answer.Errors().Keys);
        Assert.Equal(before, await api.SnapshotAsync());
    }

    private string Fill(string text) => text.Replace("{app}", api.Admin.AppTokenAccessor).Replace("{token}", api.Admin.TokenAccessor)
        .Replace("{admin}", api.Admin.User.Id).Replace("{apptoken}", api.Admin.AppToken);

    private HttpContent? Content(Case item)
    {
        if (item.Body is null) return null;
        var bytes = item.Body switch
        {
            "<invalid-utf8>" => [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
            "<70KB>" or "<70KB-chunked>" => Encoding.UTF8.GetBytes($$"""{"name": "{{new string('n', 70_000)}}"}"""),
            _ => Encoding.UTF8.GetBytes(Fill(item.Body)),
        };
        HttpContent content = item.Body == "<70KB-chunked>" ? new StreamContent(new NonSeekableStream(bytes)) : new ByteArrayContent(bytes);
        if (item.ContentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", item.ContentType);
        return content;
    }

    /// <summary>A stream whose length is unknown, so the client sends the body chunked, without Content-Length.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

public sealed class MalformedRequestTestsOnSqlite(ApiFixture api) : MalformedRequestTests(api), IClassFixture<ApiFixture>;

public sealed class MalformedRequestTestsOnPostgres(PostgresApiFixture api) : MalformedRequestTests(api), IClassFixture<PostgresApiFixture>;
