using EnfixPortal.Api.Model;
using Xunit;

namespace EnfixPortal.Tests.Architecture;

/// <summary>The namespaces of each assembly form layers: doors use services, services use the model, never back. A cycle
/// would make every namespace in it one lump that can only be understood, changed and tested together.</summary>
public sealed class NamespaceCycleTests
{
    private static readonly NamespaceGraph Api = NamespaceGraph.Of(typeof(Token).Assembly.Location, "EnfixPortal.Api");
    private static readonly NamespaceGraph Host = NamespaceGraph.Of(typeof(ContentRoot).Assembly.Location, "EnfixPortal");

    [Fact]
    public void The_API_namespaces_use_each_other_without_a_cycle() => AssertAcyclic(Api, "EnfixPortal.Api");

    [Fact]
    public void The_host_namespaces_use_each_other_without_a_cycle() => AssertAcyclic(Host, "EnfixPortal");

    [Fact]
    public void The_reader_sees_what_a_door_and_a_service_use()
    {
        // The cycle rule would pass on an empty or misread assembly: these edges exist, with the types that make them.
        Assert.Contains("EnfixPortal.Api.Tokens", Api.Edges["EnfixPortal.Api.Endpoints"].Keys);
        Assert.Contains("EnfixPortal.Api.Model", Api.Edges["EnfixPortal.Api.Tokens"].Keys);
        Assert.StartsWith("EnfixPortal.Api.Tokens.", Api.Edges["EnfixPortal.Api.Tokens"]["EnfixPortal.Api.Model"]);
        Assert.StartsWith("EnfixPortal.Cli.AuditVerbs -> EnfixPortal.Account.", Host.Edges["EnfixPortal.Cli"]["EnfixPortal.Account"]);
    }

    [Fact]
    public void The_reader_finds_a_cycle_and_names_its_types()
    {
        // Read from this test assembly, where two namespaces below use each other through a generic argument only.
        var graph = NamespaceGraph.Of(typeof(NamespaceCycleTests).Assembly.Location, "EnfixPortal.Tests.Architecture.Loop");

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(3, cycle.Count);
        var description = graph.Describe(cycle);
        Assert.Contains("EnfixPortal.Tests.Architecture.Loop.A.Left -> EnfixPortal.Tests.Architecture.Loop.B.Right", description);
        Assert.Contains("EnfixPortal.Tests.Architecture.Loop.B.Right -> EnfixPortal.Tests.Architecture.Loop.A.Left", description);
    }

    private static void AssertAcyclic(NamespaceGraph graph, string root)
    {
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, $"Namespaces of {root} use each other in a cycle:" + Environment.NewLine +
            string.Join(Environment.NewLine + Environment.NewLine, cycles.Select(graph.Describe)));
    }
}
