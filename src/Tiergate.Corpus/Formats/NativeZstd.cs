using System.Runtime.InteropServices;

namespace Tiergate.Corpus.Formats;

/// <summary>
/// The system's native libzstd (Debian: <c>libzstd1</c>), several times faster than the managed
/// ZstdSharp port. <see cref="IsAvailable"/> is false when the library cannot be loaded or when
/// <c>TIERGATE_ZSTD=managed</c>; callers then fall back to ZstdSharp.
/// </summary>
internal static partial class NativeZstd
{
    private const string Library = "libzstd.so.1";

    private static readonly Lazy<bool> Available = new(Probe);

    public static bool IsAvailable => Available.Value;

    /// <summary>ZSTD_c_compressionLevel.</summary>
    public const int CompressionLevelParameter = 100;

    /// <summary>ZSTD_e_end.</summary>
    public const int EndDirective = 2;

    [StructLayout(LayoutKind.Sequential)]
    public struct Buffer
    {
        public nint Data;
        public nuint Size;
        public nuint Position;
    }

    [LibraryImport(Library, EntryPoint = "ZSTD_versionNumber")]
    public static partial uint VersionNumber();

    [LibraryImport(Library, EntryPoint = "ZSTD_isError")]
    public static partial uint IsError(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_getErrorName")]
    public static partial nint GetErrorName(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_createDStream")]
    public static partial nint CreateDStream();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeDStream")]
    public static partial nuint FreeDStream(nint stream);

    [LibraryImport(Library, EntryPoint = "ZSTD_DStreamInSize")]
    public static partial nuint DStreamInSize();

    [LibraryImport(Library, EntryPoint = "ZSTD_decompressStream")]
    public static unsafe partial nuint DecompressStream(nint stream, Buffer* output, Buffer* input);

    [LibraryImport(Library, EntryPoint = "ZSTD_createCCtx")]
    public static partial nint CreateCCtx();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeCCtx")]
    public static partial nuint FreeCCtx(nint context);

    [LibraryImport(Library, EntryPoint = "ZSTD_compressBound")]
    public static partial nuint CompressBound(nuint size);

    [LibraryImport(Library, EntryPoint = "ZSTD_compressCCtx")]
    public static unsafe partial nuint CompressCCtx(nint context, byte* destination, nuint capacity, byte* source, nuint size, int level);

    /// <summary>Throws <see cref="InvalidDataException"/> when <paramref name="code"/> is a zstd error code.</summary>
    public static nuint Check(nuint code)
    {
        if (IsError(code) != 0)
        {
            throw new InvalidDataException("zstd: " + (Marshal.PtrToStringAnsi(GetErrorName(code)) ?? "error"));
        }

        return code;
    }

    private static bool Probe()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("TIERGATE_ZSTD"), "managed", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            return VersionNumber() >= 10400;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }
}
