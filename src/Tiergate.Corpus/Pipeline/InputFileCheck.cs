namespace Tiergate.Corpus.Pipeline;

/// <summary>
/// Refuses an input that is not a regular file before it is opened: opening a FIFO blocks until
/// someone writes to it, and a device such as /dev/zero never ends. Either is then an
/// <c>unreadable-file</c>, not a hung run.
/// </summary>
internal static class InputFileCheck
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint TypeMask = 0x1; // STATX_TYPE
    private const int FileTypeBits = 0xF000; // S_IFMT
    private const int RegularFile = 0x8000; // S_IFREG

    /// <summary>Throws <see cref="IOException"/> when <paramref name="path"/> (links followed) is not a regular file; does nothing where the type cannot be asked.</summary>
    public static unsafe void EnsureRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var buffer = stackalloc byte[256];
        int result;
        try
        {
            result = LinuxFileCalls.Statx(CurrentDirectory, path, 0, TypeMask, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            return; // a libc without statx (before glibc 2.28): opening tells what it can
        }

        if (result != 0)
        {
            return; // missing, no permission, ...: opening the file reports it in .NET's words
        }

        var type = *(ushort*)(buffer + 28) & FileTypeBits;
        if (type != RegularFile)
        {
            throw new IOException($"{path}: not a regular file (a FIFO, socket or device); refused rather than read");
        }
    }
}
