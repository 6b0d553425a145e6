using System.Runtime.InteropServices;

namespace BankingLlm.Data.Postgres;

internal static partial class NativeMethods
{
    [LibraryImport("libc", SetLastError = false)]
    internal static partial int geteuid();
}
