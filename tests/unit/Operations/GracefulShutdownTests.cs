using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static EnfixPortal.Tests.Operations.RealServerSession;

namespace EnfixPortal.Tests.Operations;

/// <summary>A SIGTERM (systemd, docker stop) lets a request already in flight finish and answer before the server exits:
/// here a token creation whose body is still arriving when the signal comes.</summary>
public sealed class GracefulShutdownTests : RealServerTests
{
    [Fact]
    public async Task ARequestInFlightWhenTheServerIsToldToStopIsAnsweredAndKept()
    {
        await using var server = await ServerProcess.StartAsync(Database.Path);
        var login = await LogInAsync(server.Http, AppToken, "admin", ServerProcess.AdminPassword);
        var body = new HeldBackContent("""{"seconds_until_expire": 3600, "name": "made during shutdown"}""");

        // With Expect: 100-continue the client sends the body only once the server asks for it, which Kestrel does when
        // the endpoint starts reading it: the request is then in flight, and its body is still half missing.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) })
            { BaseAddress = server.Address };
        using var request = NewRequest(HttpMethod.Post, "/api/v1/app_tokens/", AppToken, login, content: body);
        request.Headers.ExpectContinue = true;
        var answer = client.SendAsync(request);
        await body.FirstPartSent;
        server.SendTerminate();
        await server.WaitForOutputAsync("Application is shutting down...");
        body.SendTheRest();
        using var response = await answer;
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var status = response.StatusCode;

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(0, await server.ExitCodeAsync());
        await using var restarted = await ServerProcess.StartAsync(Database.Path);
        var (found, item) = await SendAsync(restarted.Http, HttpMethod.Get,
            $"/api/v1/app_tokens/{created!["app_token"]!.GetValue<string>()}/", AppToken, login);
        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Equal("made during shutdown", item!["name"]!.GetValue<string>());
    }

    /// <summary>A JSON body with a declared length whose second half goes out only when the test says so.</summary>
    private sealed class HeldBackContent : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly TaskCompletionSource _firstPartSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBackContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new("application/json");
        }

        public Task FirstPartSent => _firstPartSent.Task;

        public void SendTheRest() => _rest.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            _firstPartSent.TrySetResult();
            await _rest.Task;
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
