using EnfixPortal.Api.Common;

namespace EnfixPortal.Tests.Services;

/// <summary>The shape test every id and token of every request goes through before anything is looked up.</summary>
public sealed class ObjectIdsTests
{
    [Theory]
    [InlineData("0123456789abcdef01234567", true)]
    [InlineData("0123456789ABCDEF01234567", false)]
    [InlineData("0123456789abcdef0123456g", false)]
    [InlineData("0123456789abcdef0123456", false)]
    [InlineData("0123456789abcdef012345678", false)]
    [InlineData("0123456789abcdef0123456\u0663", false)]
    [InlineData("0123456789abcdef0123456 ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyLowercaseHexOfTheRightLengthIsWellFormed(string? value, bool wellFormed) =>
        Assert.Equal(wellFormed, ObjectIds.IsWellFormed(value));

    [Fact]
    public void NewIdsAreWellFormedAndDistinct()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => ObjectIds.New()).ToList();
        Assert.All(ids, id => Assert.True(ObjectIds.IsWellFormed(id), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
