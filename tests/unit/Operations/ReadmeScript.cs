using System.Text;
using System.Text.RegularExpressions;

namespace EnfixPortal.Tests.Operations;

/// <summary>The README's shell blocks read as a script: each command (with its <c>\</c> continuations) and the answer
/// shown under it on <c># → </c> lines. In an answer, ids, tokens and times stand for any of their kind and <c>…</c>
/// for anything.</summary>
public static partial class ReadmeScript
{
    public sealed record Command(string Text, IReadOnlyList<string> Answer);

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The <c>```sh</c> blocks of the given sections, in the README's order.</summary>
    public static IReadOnlyList<string> Blocks(params string[] sections)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));
        var blocks = new List<string>();
        foreach (Match section in Section().Matches(readme))
            if (sections.Contains(section.Groups[1].Value.Trim()))
                blocks.AddRange(ShellBlock().Matches(section.Groups[2].Value).Select(m => m.Groups[1].Value));
        return blocks;
    }

    public static IReadOnlyList<Command> Commands(string block)
    {
        var commands = new List<Command>();
        var lines = block.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var text = new StringBuilder(line);
            while (line.EndsWith('\\') && i + 1 < lines.Length) text.Append('\n').Append(line = lines[++i].TrimEnd());
            var answer = new List<string>();
            while (i + 1 < lines.Length && lines[i + 1].StartsWith("# → ")) answer.Add(lines[++i]["# → ".Length..].TrimEnd());
            commands.Add(new Command(text.ToString(), answer));
        }
        return commands;
    }

    /// <summary>Whether a line printed matches the line the README shows.</summary>
    public static bool Matches(string shown, string printed)
    {
        var pattern = string.Join(".*", Normalize(shown).Split('…').Select(Regex.Escape));
        return Regex.IsMatch(Normalize(printed), $"^{pattern}$");
    }

    private static string Normalize(string line) => Hex().Replace(Time().Replace(line.TrimEnd(), "<time>"), "<hex>");

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "EnfixPortal.sln"))) folder = folder.Parent!;
        return folder.FullName;
    }

    [GeneratedRegex(@"^## (.+)\n([\s\S]*?)(?=^## |\z)", RegexOptions.Multiline)]
    private static partial Regex Section();

    [GeneratedRegex(@"^```sh\n([\s\S]*?)^```", RegexOptions.Multiline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")]
    private static partial Regex Time();

    [GeneratedRegex(@"\b[0-9a-f]{4,}\b")]
    private static partial Regex Hex();
}
