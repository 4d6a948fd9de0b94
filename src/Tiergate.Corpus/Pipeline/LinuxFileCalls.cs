using System.Runtime.InteropServices;

namespace Tiergate.Corpus.Pipeline;

/// <summary>The few libc file calls .NET does not expose: O_DIRECT for <see cref="DirectFileStream"/>, a file's type for <see cref="InputFileCheck"/>.</summary>
internal static partial class LinuxFileCalls
{
    private const string Libc = "libc";

    public const int WriteOnly = 0x1;
    public const int Create = 0x40;
    public const int CloseOnExec = 0x80000;

    /// <summary>F_GETFL / F_SETFL.</summary>
    public const int GetFlags = 3;
    public const int SetFlags = 4;

    /// <summary>LOCK_EX | LOCK_NB.</summary>
    public const int ExclusiveLockNoWait = 2 | 4;

    /// <summary>EINTR, EWOULDBLOCK and EINVAL.</summary>
    public const int Interrupted = 4;
    public const int WouldBlock = 11;
    public const int InvalidArgument = 22;

    /// <summary>O_DIRECT differs between architectures; 0 where we do not know it (or off_t is not 64-bit).</summary>
    public static int DirectFlag => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x4000,
        Architecture.Arm64 => 0x10000,
        _ => 0,
    };

    [LibraryImport(Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport(Libc, EntryPoint = "pwrite", SetLastError = true)]
    public static unsafe partial nint PWrite(int fd, byte* buffer, nint count, long offset);

    [LibraryImport(Libc, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fd, long length);

    [LibraryImport(Libc, EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int fd);

    [LibraryImport(Libc, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport(Libc, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    /// <summary>statx(2): one layout on every architecture (unlike struct stat). <c>stx_mode</c> is the u16 at byte 28.</summary>
    [LibraryImport(Libc, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
