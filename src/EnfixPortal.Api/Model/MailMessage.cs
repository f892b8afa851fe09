
namespace EnfixPortal.Api.Model;

/// <summary>One email waiting to be sent, or sent: the outbox row the sender delivers and retries, stored with the
/// change it reports (an expiry warning), so that a mail server that is down delays it but does not lose it.</summary>
public sealed class MailMessage
{
    public const int MaxAddressLength = 256;
    public const int MaxSubjectLength = 300;
    public const int MaxBodyLength = 4000;

    public long Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
}
