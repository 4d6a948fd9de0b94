using System.Text;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// A generated hostile <c>/v1/moderations</c> body, rebuilt from its seed: inputs of every JSON type, parts of
/// unknown and image types, escaped lone surrogates, control characters, long and many inputs, extra and
/// duplicate keys, deep nesting, and bodies cut short or with bytes flipped. Some carry the planted hazard.
/// </summary>
public sealed record HostileModeration(int Seed, string Body, bool Valid, bool Hazardous)
{
    private static readonly string[] Texts =
    [
        "hello", "", " ", "\\u0000", "\\ud800", "\\udc00x", "caf\\u00e9", "\\u200b\\u200b", "\\n\\t\\r", "\\\"quoted\\\"", "%00", "\\u202e reversed",
        GatewayInvariants.Hazard,
    ];

    public static HostileModeration FromSeed(int seed)
    {
        var random = new Random(seed);
        var hazardous = false;
        string Text()
        {
            var text = Texts[random.Next(Texts.Length)];
            hazardous |= text == GatewayInvariants.Hazard;
            return random.Next(10) == 0 ? string.Concat(Enumerable.Repeat(text, random.Next(1, 2000))) : text;
        }

        string Item() => random.Next(8) switch
        {
            0 => "5",
            1 => "null",
            2 => "true",
            3 => $$"""{"type":"text","text":"{{Text()}}"}""",
            4 => """{"type":"image_url","image_url":{"url":"http://127.0.0.1/x.png"}}""",
            5 => $$"""{"type":"{{Text()}}"}""",
            6 => $$"""{"type":"text","text":"{{Text()}}","extra":1}""",
            _ => $"\"{Text()}\"",
        };

        var valid = false;
        var input = random.Next(6) switch
        {
            0 => $"\"{Text()}\"",
            1 => "[" + string.Join(',', Enumerable.Range(0, random.Next(0, 80)).Select(_ => Item())) + "]",
            2 => new string('[', random.Next(1, 200)) + new string(']', random.Next(1, 200)),
            3 => random.Next(2) == 0 ? "{}" : "1e400",
            4 => $"[\"{Text()}\",\"{Text()}\"]",
            _ => "[" + string.Join(',', Enumerable.Range(0, random.Next(1, 4)).Select(_ => $$"""{"type":"text","text":"{{Text()}}"}""")) + "]",
        };
        var extra = random.Next(6) switch
        {
            0 => ",\"model\":\"omni-moderation-latest\"",
            1 => ",\"model\":5",
            2 => ",\"input\":\"again\"",
            3 => ",\"\\ud800\":1",
            4 => $",\"{Text()}\":true",
            _ => "",
        };
        var body = $$"""{"input":{{input}}{{extra}}}""";
        valid = input.StartsWith('"') && extra is "" or ",\"model\":\"omni-moderation-latest\"" && !body.Contains("\\ud800", StringComparison.Ordinal) && !body.Contains("\\udc00", StringComparison.Ordinal);
        switch (random.Next(8))
        {
            case 0:
                body = body[..random.Next(body.Length)];
                valid = false;
                break;
            case 1:
                var bytes = Encoding.UTF8.GetBytes(body);
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                body = Encoding.UTF8.GetString(bytes);
                valid = false;
                break;
        }

        return new HostileModeration(seed, body, valid, hazardous);
    }

    public override string ToString() => $"moderation seed {Seed} ({Body.Length} chars)";
}
