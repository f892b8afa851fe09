namespace EnfixPortal.Cli;

/// <summary>A verb and its <c>--name value</c> options (a flag with no value reads as "true"). An option given more than
/// once keeps its last value, except where a verb reads all of them (<see cref="Many"/>).</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _options;
    private readonly Dictionary<string, List<string>> _all;

    private CliArguments(string verb, Dictionary<string, List<string>> all) =>
        (Verb, _all, _options) = (verb, all, all.ToDictionary(o => o.Key, o => o.Value[^1], StringComparer.OrdinalIgnoreCase));

    public string Verb { get; }

    /// <summary>Null when the arguments are for the web server (none, or only <c>--key value</c> settings).</summary>
    public static CliArguments? Parse(string[] args)
    {
        if (args.Length == 0) return null;
        if (args[0] is "--help" or "-h" or "help") return new CliArguments("help", []);
        if (args[0].StartsWith('-')) return null;
        var verbWords = args.Length > 1 && !args[1].StartsWith('-') ? 2 : 1;
        var verb = string.Join(' ', args[..verbWords]);
        var options = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        for (var i = verbWords; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new CliUsageException($"Unexpected argument '{args[i]}'; options look like --name value.");
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            var name = args[i][2..];
            if (!options.TryGetValue(name, out var values)) options[name] = values = [];
            values.Add(hasValue ? args[++i] : "true");
        }
        return new CliArguments(verb, options);
    }

    public string Required(string name) =>
        _options.TryGetValue(name, out var value) && value != "true" ? value : throw new CliUsageException($"{Verb} needs --{name}.");

    public string? Optional(string name) => _options.GetValueOrDefault(name);

    /// <summary>Every value of a repeatable option, in order; null when it is not given.</summary>
    public IReadOnlyList<string>? Many(string name) => !_all.TryGetValue(name, out var values) ? null
        : values.Contains("true") ? throw new CliUsageException($"--{name} needs a value each time it is given.") : values;

    public bool Flag(string name) => _options.TryGetValue(name, out var value) && value == "true";

    /// <summary>A whole number of at least 1; <paramref name="fallback"/> when the option is not given.</summary>
    public int Number(string name, int fallback) => Optional(name) is not { } text ? fallback
        : int.TryParse(text, out var value) && value >= 1 ? value : throw new CliUsageException($"--{name} must be a whole number, 1 or more.");

    /// <summary>One of <paramref name="choices"/>, named in any case.</summary>
    public static T Choice<T>(string text, string name, params T[] choices) where T : struct, Enum
    {
        foreach (var choice in choices)
            if (choice.ToString().Equals(text, StringComparison.OrdinalIgnoreCase)) return choice;
        throw new CliUsageException($"--{name} must be one of: {string.Join(", ", choices.Select(c => c.ToString().ToLowerInvariant()))}.");
    }

    public void AllowOnly(params string[] names)
    {
        var unknown = _options.Keys.FirstOrDefault(k => !names.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null) throw new CliUsageException($"{Verb} does not take --{unknown}.");
    }
}

public sealed class CliUsageException(string message) : Exception(message);
