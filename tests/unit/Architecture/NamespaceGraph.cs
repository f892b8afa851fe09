using Mono.Cecil;

namespace EnfixPortal.Tests.Architecture;

/// <summary>Which namespaces of an assembly use which others, read from its compiled IL with Mono.Cecil (what NetArchTest
/// reads too): base types, interfaces, fields, properties, signatures, attributes, generic arguments and constraints, and
/// every type, method and field a method body names. A nested or compiler-made type (a lambda's closure, an async state
/// machine) counts as its outermost type. Each edge keeps one example: which type uses which.</summary>
internal sealed class NamespaceGraph
{
    private readonly SortedDictionary<string, SortedDictionary<string, string>> edges = new(StringComparer.Ordinal);

    /// <summary>The namespaces read, each with the namespaces it uses and, per edge, an example "Type -> Type".</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Edges => edges;

    /// <summary>The graph of <paramref name="root"/> and the namespaces under it that the assembly at <paramref name="path"/>
    /// defines (a namespace of another assembly is not a node).</summary>
    public static NamespaceGraph Of(string path, string root)
    {
        var graph = new NamespaceGraph();
        using var module = ModuleDefinition.ReadModule(path);
        var own = module.GetTypes().Select(t => Outermost(t).Namespace).Where(n => Under(n, root)).ToHashSet(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var user = Outermost(type);
            if (!Under(user.Namespace, root)) continue;
            var uses = graph.edges.TryGetValue(user.Namespace, out var found) ? found
                : graph.edges[user.Namespace] = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var used in TypeUses.Of(type).SelectMany(TypeUses.Named).Select(Outermost))
                if (used.Namespace != user.Namespace && own.Contains(used.Namespace))
                    uses.TryAdd(used.Namespace, $"{user.FullName} -> {used.FullName}");
        }
        return graph;
    }

    /// <summary>Each cycle, as a closed path of namespaces (first = last): one per strongly connected group of namespaces.</summary>
    public List<List<string>> Cycles()
    {
        var cycles = new List<List<string>>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in edges.Keys.Where(n => !placed.Contains(n)))
        {
            var path = ShortestPath(start, start);
            if (path is null) continue;
            cycles.Add(path);
            placed.UnionWith(edges.Keys.Where(n => ShortestPath(start, n) is not null && ShortestPath(n, start) is not null));
        }
        return cycles;
    }

    /// <summary>A cycle written out edge by edge, each with the types that make it.</summary>
    public string Describe(List<string> cycle) => string.Join(Environment.NewLine,
        cycle.Zip(cycle.Skip(1), (a, b) => $"  {a} -> {b}   ({edges[a][b]})"));

    private List<string>? ShortestPath(string from, string to)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var at))
            foreach (var next in edges.TryGetValue(at, out var uses) ? uses.Keys : Enumerable.Empty<string>())
            {
                if (next == to)
                {
                    var path = new List<string> { to, at };
                    while (path[^1] != from) path.Add(previous[path[^1]]);
                    path.Reverse();
                    return path;
                }
                if (next != from && previous.TryAdd(next, at)) queue.Enqueue(next);
            }
        return null;
    }

    private static bool Under(string ns, string root) =>
        ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }
}
