using System.Security.Cryptography;
using System.Text;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Server.IntegrationTests.Privacy;

/// <summary>
/// A unique random word planted in traffic, and every form in which a leak of it could be stored: as typed, the
/// screening normaliser's form, either half, base64 (standard and URL-safe, at each of the three byte alignments a
/// longer base64 text can put it at), hex, and as UTF-8, UTF-16LE or UTF-16BE bytes. Searches fold ASCII case.
/// </summary>
public sealed class PlantedString
{
    private const int Length = 24;
    private readonly List<(string Form, string Text)> _textForms = [];
    private readonly List<(string Form, byte[] Bytes)> _byteForms = [];

    private PlantedString(string value)
    {
        Value = value;
        var utf8 = Encoding.UTF8.GetBytes(value);
        var normalised = new NormalizedText(64, trackSourceOffsets: false);
        TextNormalizer.Default.Normalize(value, normalised);
        _textForms.Add(("text", value));
        _textForms.Add(("normalised", normalised.ToString()));
        _textForms.Add(("first half", value[..(Length / 2)]));
        _textForms.Add(("second half", value[(Length / 2)..]));
        for (var shift = 0; shift < 3; shift++)
        {
            var base64 = Base64At(utf8, shift);
            _textForms.Add(($"base64 (shift {shift})", base64));
            _textForms.Add(($"base64url (shift {shift})", base64.Replace('+', '-').Replace('/', '_')));
        }

        _textForms.Add(("hex of UTF-8", Convert.ToHexString(utf8)));
        _textForms.Add(("hex of UTF-16LE", Convert.ToHexString(Encoding.Unicode.GetBytes(value))));
        foreach (var (form, text) in _textForms)
        {
            _byteForms.Add((form + " as UTF-8", Fold(Encoding.UTF8.GetBytes(text))));
        }

        _byteForms.Add(("UTF-16LE", Fold(Encoding.Unicode.GetBytes(value))));
        _byteForms.Add(("normalised as UTF-16LE", Fold(Encoding.Unicode.GetBytes(normalised.ToString()))));
        _byteForms.Add(("UTF-16BE", Fold(Encoding.BigEndianUnicode.GetBytes(value))));
    }

    /// <summary>Letters only (so that every normaliser keeps it one word), mixed case, 24 of them: unique in any run.</summary>
    public string Value { get; }

    public static PlantedString New()
    {
        const string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        return new PlantedString(RandomNumberGenerator.GetString(letters, Length));
    }

    /// <summary>The forms of the string found in <paramref name="text"/> (empty: none).</summary>
    public IReadOnlyList<string> FormsIn(string text) =>
        [.. _textForms.Where(f => text.Contains(f.Text, StringComparison.OrdinalIgnoreCase)).Select(f => f.Form)];

    /// <summary>The forms of the string found in raw bytes (a database file, its WAL): every text form in UTF-8, and UTF-16.</summary>
    public IReadOnlyList<string> FormsIn(ReadOnlySpan<byte> bytes)
    {
        var folded = Fold(bytes.ToArray());
        var found = new List<string>();
        foreach (var (form, needle) in _byteForms)
        {
            if (folded.AsSpan().IndexOf(needle) >= 0)
            {
                found.Add(form);
            }
        }

        return found;
    }

    /// <summary>The base64 characters that depend only on the string's bytes when <paramref name="shift"/> bytes precede it.</summary>
    private static string Base64At(byte[] utf8, int shift)
    {
        var shifted = new byte[shift + utf8.Length];
        utf8.CopyTo(shifted, shift);
        var encoded = Convert.ToBase64String(shifted);
        var start = shift == 0 ? 0 : 4;
        var end = shifted.Length / 3 * 4;
        return encoded[start..end];
    }

    private static byte[] Fold(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] is >= (byte)'A' and <= (byte)'Z')
            {
                bytes[i] = (byte)(bytes[i] + 32);
            }
        }

        return bytes;
    }
}
