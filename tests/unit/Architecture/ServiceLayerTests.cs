using EnfixPortal.Api.Model;
using NetArchTest.Rules;
using Xunit;

namespace EnfixPortal.Tests.Architecture;

/// <summary>The service layer is the one both doors call: it knows nothing of HTTP, routing, components or the doors
/// themselves, so a rule lives in a service and every door only translates. (The portal is another assembly that the
/// API's cannot reference at all.)</summary>
public sealed class ServiceLayerTests
{
    public static TheoryData<string> ServiceNamespaces => new(
        ["Model", "Tokens", "Users", "Webhooks", "Auditing", "Sessions", "Changes", "Common", "Mail", "Dashboard"]);

    /// <summary>What only a door may use: the framework's HTTP, routing, MVC and component types, and the API's own doors.</summary>
    private static readonly string[] DoorNamespaces =
    [
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Builder",
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Server", "Microsoft.AspNetCore.WebUtilities",
        "EnfixPortal.Api.Endpoints", "EnfixPortal.Api.Gateway", "EnfixPortal.Api.Infrastructure.Http",
    ];

    [Theory]
    [MemberData(nameof(ServiceNamespaces))]
    public void A_service_namespace_uses_no_door_and_no_HTTP(string feature)
    {
        var result = Types.InAssembly(typeof(Token).Assembly).That().ResideInNamespace($"EnfixPortal.Api.{feature}")
            .ShouldNot().HaveDependencyOnAny(DoorNamespaces).GetResult();

        Assert.True(result.IsSuccessful, $"These types of EnfixPortal.Api.{feature} use a door or HTTP: " +
            string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_rule_sees_what_a_door_uses()
    {
        // The rule above would pass on an empty or misread assembly; the API's doors are where HTTP is.
        var doors = Types.InAssembly(typeof(Token).Assembly).That().ResideInNamespace("EnfixPortal.Api.Endpoints")
            .And().HaveDependencyOn("Microsoft.AspNetCore.Http").GetTypes().Select(t => t.Name).ToList();

        Assert.Contains("AppTokenEndpoints", doors);
        Assert.Contains("MeEndpoint", doors);
    }
}
