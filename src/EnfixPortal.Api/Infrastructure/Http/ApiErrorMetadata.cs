using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EnfixPortal.Api.Infrastructure.Http;

public static class ApiErrorMetadata
{
    /// <summary>Lists error statuses in the OpenAPI document; every one of them answers an <see cref="ApiErrorBody"/>.</summary>
    public static TBuilder ProducesApiErrors<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiErrorBody), ["application/json"]));
        return builder;
    }
}
