using EnfixPortal.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EnfixPortal.Api.Infrastructure;

public static class HealthEndpoints
{
    /// <summary><c>/healthz</c>: the process answers (no database); answered as soon as it is matched, without the portal's
    /// middleware. <c>/readyz</c>: the database answers too, and
    /// on PostgreSQL this node hears the other nodes' revocations.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).ShortCircuit().ExcludeFromDescription();
        app.MapGet("/readyz", async (IDbContextFactory<EnfixDbContext> dbFactory, IServiceProvider services, CancellationToken ct) =>
        {
            if (services.GetService<PostgresRevocationRelay>() is { IsListening: false })
                return Results.Json(new { errors = new { server = "Not yet listening for revocations from other nodes." } },
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
                return Results.Text("ready");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Results.Json(new { errors = new { server = "The database does not answer." } }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).ExcludeFromDescription();
        return app;
    }
}
