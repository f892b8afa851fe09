namespace EnfixPortal.Api.Common;

public enum ServiceErrorKind { Validation, NotFound, Forbidden, Conflict, Unauthenticated }

/// <summary>A refusal from the service layer: a kind every door maps to its own status, and one message per field.</summary>
public sealed record ServiceError(ServiceErrorKind Kind, IReadOnlyDictionary<string, string> Errors)
{
    public static ServiceError Validation(string field, string message) => new(ServiceErrorKind.Validation, One(field, message));
    public static ServiceError NotFound(string field, string message) => new(ServiceErrorKind.NotFound, One(field, message));
    public static ServiceError Forbidden(string message) => new(ServiceErrorKind.Forbidden, One("permission", message));
    public static ServiceError Unauthenticated(string field, string message) => new(ServiceErrorKind.Unauthenticated, One(field, message));
    public static ServiceError Conflict(string field, string message) => new(ServiceErrorKind.Conflict, One(field, message));

    public string Describe() => string.Join(" ", Errors.Values);

    /// <summary>The same refusal naming one more field at fault.</summary>
    public ServiceError With(string field, string message) => this with { Errors = new Dictionary<string, string>(Errors) { [field] = message } };

    private static Dictionary<string, string> One(string field, string message) => new() { [field] = message };
}

public readonly struct ServiceResult<T>
{
    private ServiceResult(T? value, ServiceError? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public ServiceError? Error { get; }
    public bool Succeeded => Error is null;

    public static implicit operator ServiceResult<T>(T value) => new(value, null);
    public static implicit operator ServiceResult<T>(ServiceError error) => new(default, error);
}
