using System.Text;
using System.Text.Json;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>A deterministic model answer of a given length, and its server-sent events of about 20 chars each.</summary>
internal static class StreamedAnswer
{
    private static readonly string[] Sentences =
    [
        "The results, measured over 12 weeks in 2024, show a 3.5% rise in yield.",
        "Water moves through the soil after rain; students compared results across three schools.",
        "## Summary\n\n- First, prepare the garden beds (about 40 cm deep).\n- Then, water them every 2-3 days.",
        "Use `git status` to check, then run **make test** before you push.",
        "<p>See <a href=\"https://example.org/guide\">the guide</a> for details.</p>",
        "\u0412 \u0441\u0430\u0434\u0443 \u0440\u0430\u0441\u0442\u0443\u0442 \u044F\u0431\u043B\u043E\u043D\u0438 \u0438 \u0433\u0440\u0443\u0448\u0438, \u0430 \u043B\u0435\u0442\u043E\u043C \u0436\u0430\u0440\u043A\u043E.",
        "\u82B1\u56ED\u91CC\u7684\u571F\u58E4\u9700\u8981\u6C34\u548C\u9633\u5149\u3002\u6211\u4EEC\u6BCF\u5468\u6D4B\u91CF\u4E00\u6B21\u3002",
        "\u0627\u0644\u0645\u0627\u0621 \u064A\u062A\u062D\u0631\u0643 \u0639\u0628\u0631 \u0627\u0644\u062A\u0631\u0628\u0629 \u0628\u0639\u062F \u0627\u0644\u0645\u0637\u0631.",
        "\u0397 \u03B1\u03BD\u03AC\u03C0\u03C4\u03C5\u03BE\u03B7 \u03C4\u03C9\u03BD \u03C6\u03C5\u03C4\u03CE\u03BD \u03B5\u03AF\u03BD\u03B1\u03B9 \u03B1\u03C1\u03B3\u03AE. \U0001F331",
        "Caf\u00E9 owners na\u00EFvely expected 1,250 visitors \u2014 they got 980 (\u221222%).",
        "| week | height (cm) |\n|---|---|\n| 1 | 4.2 |\n| 2 | 7.9 |",
        "Q: Why? A: Because roots need air, too! (See section 4.1.)",
    ];

    public static string Generate(int chars, bool escalated)
    {
        var random = new Random(11);
        var text = new StringBuilder(chars + 200);
        if (escalated)
        {
            // One term early: every later check of the answer escalates to the classifier, which clears it.
            text.Append("The history of smallpox vaccination is a public health success story. ");
        }

        while (text.Length < chars)
        {
            text.Append(Sentences[random.Next(Sentences.Length)]).Append(random.Next(5) == 0 ? "\n\n" : " ");
        }

        // Cut at a whole char (not inside a surrogate pair).
        var length = char.IsHighSurrogate(text[chars - 1]) ? chars - 1 : chars;
        return text.ToString(0, length);
    }

    public static List<(byte[] Event, byte[] Data)> Events(string answer, int deltaChars)
    {
        var events = new List<(byte[], byte[])>();
        for (var i = 0; i < answer.Length;)
        {
            var length = Math.Min(deltaChars, answer.Length - i);
            if (char.IsHighSurrogate(answer[i + length - 1]) && i + length < answer.Length)
            {
                length++;
            }

            var data = JsonSerializer.SerializeToUtf8Bytes(new { id = "c", @object = "chat.completion.chunk", choices = new[] { new { index = 0, delta = new { content = answer.Substring(i, length) } } } });
            events.Add(([.. "data: "u8, .. data, .. "\n\n"u8], data));
            i += length;
        }

        var done = "[DONE]"u8.ToArray();
        events.Add(([.. "data: "u8, .. done, .. "\n\n"u8], done));
        return events;
    }
}
