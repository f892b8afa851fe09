using EnfixPortal.Api.Common;

namespace EnfixPortal.Components.Shared;

/// <summary>A service refusal split for a form: messages for the fields it shows, and the rest for an alert above them.</summary>
public sealed class FieldErrors
{
    private readonly IReadOnlyDictionary<string, string> _errors;
    private readonly HashSet<string> _shown;

    public FieldErrors(ServiceError? error, params string[] fieldsShown)
    {
        _errors = error?.Errors ?? new Dictionary<string, string>();
        _shown = [.. fieldsShown];
    }

    public static readonly FieldErrors None = new(null);

    public string? this[string field] => _errors.GetValueOrDefault(field);

    public string? Other => _errors.Where(e => !_shown.Contains(e.Key)).Select(e => e.Value) is var rest && rest.Any() ? string.Join(" ", rest) : null;
}
