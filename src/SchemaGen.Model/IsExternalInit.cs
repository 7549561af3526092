#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices
{
    // Records and init accessors need this type; netstandard2.0 predates it.
    internal static class IsExternalInit { }
}
#endif
