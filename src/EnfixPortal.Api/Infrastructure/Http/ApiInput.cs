namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>A value read from a request, or the error that answers the request instead.</summary>
public readonly struct ApiInput<T>
{
    private ApiInput(T? value, ApiError? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public ApiError? Error { get; }

    public static implicit operator ApiInput<T>(T value) => new(value, null);
    public static implicit operator ApiInput<T>(ApiError error) => new(default, error);
}
