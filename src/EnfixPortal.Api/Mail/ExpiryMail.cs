using EnfixPortal.Api.Auditing;
using EnfixPortal.Api.Common;
using EnfixPortal.Api.Infrastructure.Persistence;
using EnfixPortal.Api.Model;
using Microsoft.Extensions.Options;
using System.Globalization;

namespace EnfixPortal.Api.Mail;

/// <summary>The email that tells a token's owner it expires soon, added to the caller's unit of work with the
/// announcement itself (so it is written once, with it). Only when a mail server is set and the owner has an address.
/// It names the token (name, hint, kind), says when it expires and links to its page in the portal; never its secret.</summary>
public sealed class ExpiryMail(IOptionsMonitor<SmtpSettings> smtp, IOptions<PublicUrlSettings> publicUrl, TimeProvider time)
{
    /// <summary>False when nothing was added (no mail server, or an owner without an address).</summary>
    public bool Add(EnfixDbContext db, Token token, int daysBefore)
    {
        if (!smtp.CurrentValue.Enabled || token.User?.Email is not { Length: > 0 and <= MailMessage.MaxAddressLength } address) return false;
        var now = time.GetUtcNow().UtcDateTime;
        var (kind, page) = token.Family == TokenFamily.App ? ("app token", "app-tokens") : ("OBO token", "user-tokens");
        var name = token.Name is { Length: > 0 } named ? $"\"{named}\"" : "without a name";
        var left = daysBefore == 1 ? "1 day" : $"{daysBefore.ToString(CultureInfo.InvariantCulture)} days";
        var link = publicUrl.Value.Parsed is { } portal ? $"{portal.AbsoluteUri.TrimEnd('/')}/{page}" : $"the portal's {(token.Family == TokenFamily.App ? "App tokens" : "User tokens")} page";
        db.MailMessages.Add(new MailMessage
        {
            To = address,
            Subject = Cut($"Your {kind} {name} ({token.Hint}…) expires in {left}", MailMessage.MaxSubjectLength),
            Body = Cut(
                $"""
                Hello {token.User.UserName},

                your {kind} {name} ({token.Hint}…) expires at {AuditDetail.Time(token.ExpiresAt)} (UTC), in about {left}.
                Requests made with it are refused from then on.

                To keep it working, change its expiry, or make a new token and move to it, at:
                {link}

                This message is sent once for each warning; the token itself is never sent.
                """, MailMessage.MaxBodyLength),
            Status = DeliveryStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        return true;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
