using System.ComponentModel.DataAnnotations;
using MailKit.Security;
using MimeKit;

namespace EnfixPortal.Api.Mail;

/// <summary>How security is negotiated with the mail server.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS from the first byte on port 465, STARTTLS where the server offers it otherwise.</summary>
    Auto,
    /// <summary>Plain SMTP, for a relay on the same machine.</summary>
    None,
    /// <summary>STARTTLS, required.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}

/// <summary><c>Enfix:Smtp</c>: the mail server that tells token owners of coming expiries. Off while Host is empty.</summary>
public sealed class SmtpSettings : IValidatableObject
{
    public const string Section = "Enfix:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender, such as <c>EnfixPortal &lt;enfix@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (Port is < 1 or > 65535) yield return new($"{Section}:Port must be a port number between 1 and 65535.");
        if (string.IsNullOrWhiteSpace(From) || !MailboxAddress.TryParse(From, out _))
            yield return new($"{Section}:From must be the sender's address, such as enfix@example.com, when {Section}:Host is set.");
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
            yield return new($"{Section}:Username and {Section}:Password go together: set both, or neither for a server without sign-in.");
    }
}
