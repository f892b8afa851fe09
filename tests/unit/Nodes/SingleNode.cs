using EnfixPortal.Tests.Infrastructure;

namespace EnfixPortal.Tests.Nodes;

/// <summary>One node on real Kestrel over a SQLite file of its own, with a small login limit for the tests that count.</summary>
public sealed class SingleNode : IAsyncLifetime
{
    public const int LoginsPerMinute = 6;

    public TestDatabase Database { get; private set; } = null!;
    public Node Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(Engine.Sqlite);
        Node = new Node(Database, ("Enfix:RateLimits:LoginPerMinute", LoginsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await Node.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
