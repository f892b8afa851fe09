namespace EnfixPortal.Api.Common;

/// <summary>The <c>Enfix:PublicUrl</c> setting: the address clients reach the server at, as a proxy or DNS name shows it.</summary>
public sealed class PublicUrlSettings
{
    public const string Section = "Enfix";
    public string? PublicUrl { get; set; }

    public Uri? Parsed => string.IsNullOrEmpty(PublicUrl) ? null : new Uri(PublicUrl.TrimEnd('/'));

    public static bool IsValid(PublicUrlSettings settings) => string.IsNullOrEmpty(settings.PublicUrl)
        || Uri.TryCreate(settings.PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            && url.Query.Length == 0 && url.Fragment.Length == 0 && url.UserInfo.Length == 0;
}
