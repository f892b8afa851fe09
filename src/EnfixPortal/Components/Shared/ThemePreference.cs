namespace EnfixPortal.Components.Shared;

/// <summary>Light or dark, kept in a cookie so the server renders the right one from the first byte (no flash).</summary>
public sealed class ThemePreference
{
    public const string CookieName = "enfix-theme";

    public bool IsDarkMode { get; set; }

    public static bool IsDark(HttpRequest request) => request.Cookies[CookieName] == "dark";
}
