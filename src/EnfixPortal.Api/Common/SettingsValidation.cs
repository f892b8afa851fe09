using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EnfixPortal.Api.Common;

/// <summary>Settings bound from configuration and checked at start, failing with the operator's words only: each
/// attribute's or <see cref="IValidatableObject"/>'s message as written (they name the key), not the framework's
/// "DataAnnotation validation failed for ... members" wrapper.</summary>
public static partial class SettingsValidation
{
    public static OptionsBuilder<T> BindSettings<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).CheckSettings<T>(Check).ValidateOnStart();

    public static OptionsBuilder<T> CheckSettings<T>(this OptionsBuilder<T> builder, Func<T, IEnumerable<string>> check) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(builder.Name, check));
        return builder;
    }

    private static IEnumerable<string> Check<T>(T settings) where T : class
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? $"{string.Join(", ", r.MemberNames)} is not valid.");
    }

    /// <summary>The configuration binder's "Failed to convert configuration value 'abc' at 'Enfix:Tokens:UserTokenLifetime'
    /// to type 'System.TimeSpan'" in the operator's words; null for any other exception.</summary>
    public static string? DescribeConversionFailure(Exception exception)
    {
        if (exception is not InvalidOperationException || ConversionFailure().Match(exception.Message) is not { Success: true } match)
            return null;
        var (value, key, type) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
        var expected = type switch
        {
            "System.TimeSpan" => "a duration written d.hh:mm:ss, such as 1.00:00:00 for one day or 00:30:00 for 30 minutes",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Boolean" => "true or false",
            _ => $"a value of type {type}",
        };
        return $"{key} is '{value}', which is not {expected}.";
    }

    [GeneratedRegex(@"^Failed to convert configuration value '(.*)' at '([^']+)' to type '([^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    private sealed class SettingsValidator<T>(string? name, Func<T, IEnumerable<string>> check) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (name is not null && name != optionsName) return ValidateOptionsResult.Skip;
            var failures = check(options).ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
