using EnfixPortal.Api.Common;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>A request body a door could not read (too large, not JSON, malformed), handed to the service as a refusal so that
/// the service decides when it applies — after its own checks, such as a missing target's 404 — and answered with the
/// door's own status (413, 415 or 400) when the service returns it.</summary>
public sealed class UnreadBody(ApiError? error)
{
    public ServiceError? Refusal { get; } = error is null ? null : new ServiceError(ServiceErrorKind.Validation, error.Errors);

    public ApiError Answer(ServiceError refused) =>
        error is not null && ReferenceEquals(refused, Refusal) ? error : ApiError.From(refused);
}
