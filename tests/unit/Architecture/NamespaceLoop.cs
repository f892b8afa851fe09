// Two namespaces that use each other, for the cycle reader to find: Left only through a generic argument.
namespace EnfixPortal.Tests.Architecture.Loop.A
{
    internal sealed class Left
    {
        public List<B.Right> Rights { get; } = [];
    }
}

namespace EnfixPortal.Tests.Architecture.Loop.B
{
    internal sealed class Right
    {
        public int Count(A.Left left) => left.Rights.Count;
    }
}
