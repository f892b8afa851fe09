using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EnfixPortal.Api.Infrastructure.Http;

/// <summary>The security headers of every /api answer. API answers are JSON that no browser should render, frame,
/// sniff or leave a referrer from, so the policy lets them load nothing at all (OWASP's recommendation for REST). Set
/// by <see cref="ApiBoundary"/> when the request arrives (nothing in the API sets them otherwise) and again after an
/// answer is cleared for a 500, so no per-request callback is needed.</summary>
public static class ApiHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    private static readonly StringValues Policy = ContentSecurityPolicy;
    private static readonly StringValues Deny = "DENY";
    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues NoReferrer = "no-referrer";
    private static readonly StringValues SameOrigin = "same-origin";

    public static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = Policy;
        headers.XFrameOptions = Deny;
        headers.XContentTypeOptions = NoSniff;
        headers["Referrer-Policy"] = NoReferrer;
        headers["Cross-Origin-Opener-Policy"] = SameOrigin;
    }
}
