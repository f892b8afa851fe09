namespace EnfixPortal.Bench;

public sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        return new Options(values);
    }

    public string Text(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
    public bool Has(string name) => values.ContainsKey(name);
    public int Number(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v) : fallback;
}
