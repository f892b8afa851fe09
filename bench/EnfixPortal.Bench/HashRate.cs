using EnfixPortal.Api.Model;
using Microsoft.AspNetCore.Identity;
using System.Diagnostics;

namespace EnfixPortal.Bench;

/// <summary>The deliberate cost of a login: Identity's password-hash verification in a loop on every core.</summary>
public static class HashRate
{
    public static int Run(Options options)
    {
        var hasher = new PasswordHasher<EnfixUser>();
        var user = new EnfixUser("bench");
        var hash = hasher.HashPassword(user, "Bench-Passw0rd!1");
        var started = Stopwatch.GetTimestamp();
        var until = started + Stopwatch.Frequency * options.Number("seconds", 5);
        long count = 0;
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                if (hasher.VerifyHashedPassword(user, hash, "Bench-Passw0rd!1") == PasswordVerificationResult.Failed)
                    throw new InvalidOperationException("verification failed");
                Interlocked.Increment(ref count);
            }
        });
        // Each core finishes the verification it started before the deadline, so the rate is over the time they all took.
        Console.WriteLine($"hash_verifications_per_second {count / Stopwatch.GetElapsedTime(started).TotalSeconds:F1}");
        return 0;
    }
}
