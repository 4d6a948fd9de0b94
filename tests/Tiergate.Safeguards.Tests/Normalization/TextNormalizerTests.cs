using System.Text;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Tests.Normalization;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("Sarin", "sarin")]
    [InlineData("ＳＡＲＩＮ", "sarin")]
    [InlineData("s\u200Ba\u200Dr\u202Ei\uFEFFn", "sarin")]
    [InlineData("ѕаrіn", "sarin")]
    [InlineData("𝐬𝐚𝐫𝐢𝐧", "sarin")]
    [InlineData("sárín", "sarin")]
    [InlineData("s4r1n", "sarin")]
    [InlineData("$ar!n", "sarin")]
    [InlineData("s.a.r.i.n", "sarin")]
    [InlineData("s a r i n", "sarin")]
    [InlineData("s - a - r - i - n", "sarin")]
    [InlineData("ﬁle", "file")]
    [InlineData("STRASSE", "strasse")]
    [InlineData("Straße", "strasse")]
    public void Normalize_ObfuscatedForm_FoldsToPlainTerm(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Default.Normalize(input));
    }

    [Theory]
    [InlineData("Hello,   world!", "hello world")]
    [InlineData("  leading and trailing  ", "leading and trailing")]
    [InlineData("is a ring", "is a ring")]
    [InlineData("in 2024 we met", "in 2024 we met")]
    [InlineData("sarin!", "sarin")]
    [InlineData("price: $5", "price 5")]
    public void Normalize_OrdinaryText_KeepsWordsAndSingleSpaces(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Default.Normalize(input));
    }

    [Fact]
    public void Normalize_LeetspeakDisabled_KeepsDigits()
    {
        var normalizer = new TextNormalizer(new NormalizerOptions { FoldLeetspeak = false });

        Assert.Equal("s4r1n", normalizer.Normalize("S4R1N"));
    }

    [Fact]
    public void Normalize_JoinDisabled_KeepsSpacedLetters()
    {
        var normalizer = new TextNormalizer(new NormalizerOptions { JoinSpacedLetters = false });

        Assert.Equal("s a r i n", normalizer.Normalize("s a r i n"));
    }

    [Fact]
    public void Normalize_Utf16Input_MapsOutputBackToSourceOffsets()
    {
        var source = "Say 𝐬𝐚𝐫𝐢𝐧 now";
        var output = new NormalizedText();

        TextNormalizer.Default.Normalize(source, output);

        Assert.Equal("say sarin now", output.ToString());
        var (start, end) = output.MapToSource(4, 5);
        Assert.Equal("𝐬𝐚𝐫𝐢𝐧", source[start..end]);
    }

    [Fact]
    public void NormalizeUtf8_Utf8Input_MapsOutputBackToByteOffsets()
    {
        var source = Encoding.UTF8.GetBytes("Über s.a.r.i.n!");
        var output = new NormalizedText(4);

        TextNormalizer.Default.NormalizeUtf8(source, output);

        Assert.Equal("uber sarin", output.ToString());
        var (start, end) = output.MapToSource(5, 5);
        Assert.Equal("s.a.r.i.n", Encoding.UTF8.GetString(source[start..end]));
    }

    [Fact]
    public void NormalizeUtf8_InvalidBytes_TreatsThemAsSeparators()
    {
        byte[] source = [(byte)'a', (byte)'b', 0xFF, (byte)'c', (byte)'d'];
        var output = new NormalizedText();

        TextNormalizer.Default.NormalizeUtf8(source, output);

        Assert.Equal("ab cd", output.ToString());
    }

    [Fact]
    public void Normalize_VeryLongWord_IsKeptWhole()
    {
        var word = new string('x', 1000);

        Assert.Equal(word, TextNormalizer.Default.Normalize(word.ToUpperInvariant()));
    }
}
