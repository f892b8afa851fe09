using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EnfixPortal.Api.Infrastructure.Persistence;

internal sealed class UtcTicksConverter() : ValueConverter<DateTime, long>(
    value => value.ToUniversalTime().Ticks,
    ticks => new DateTime(ticks, DateTimeKind.Utc));
