using System.Security.Cryptography;
using System.Text;

namespace Tiergate.Core.Policy;

/// <summary>
/// A policy's source text in canonical form, and its hash: what is stored as a version and shown by <c>/readyz</c>.
/// Canonical means line endings as LF, no byte-order mark, no trailing whitespace at the end of lines or of the
/// text, one final newline: the same file checked out on Windows or Linux, or edited by a tool that adds a final
/// newline, has one hash.
/// </summary>
public sealed record PolicyText
{
    private PolicyText(string canonical)
    {
        Canonical = canonical;
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public string Canonical { get; }

    /// <summary>SHA-256 of the canonical text's UTF-8 bytes, lower-case hex.</summary>
    public string Hash { get; }

    /// <summary>The first 12 hex digits, for log lines and messages.</summary>
    public string ShortHash => Hash[..12];

    public static PolicyText Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd());
        return new PolicyText(string.Join('\n', lines).TrimEnd('\n') + "\n");
    }
}
