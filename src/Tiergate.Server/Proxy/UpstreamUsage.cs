using System.Text.Json;

namespace Tiergate.Server.Proxy;

/// <summary>The token counts an upstream reports in a completion's <c>usage</c> object.</summary>
public readonly record struct UpstreamUsage(long PromptTokens, long CompletionTokens)
{
    public long Total => PromptTokens + CompletionTokens;

    /// <summary>Reads the top-level <c>usage</c> of a completion or chunk; false when absent or null.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out UpstreamUsage usage)
    {
        usage = default;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUsage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (isUsage && reader.TokenType == JsonTokenType.StartObject)
                {
                    return TryReadCounts(ref reader, out usage);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    private static bool TryReadCounts(ref Utf8JsonReader reader, out UpstreamUsage usage)
    {
        long prompt = 0, completion = 0;
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPrompt = reader.ValueTextEquals("prompt_tokens"u8);
            var isCompletion = reader.ValueTextEquals("completion_tokens"u8);
            reader.Read();
            if ((isPrompt || isCompletion) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n))
            {
                found = true;
                if (isPrompt)
                {
                    prompt = n;
                }
                else
                {
                    completion = n;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        usage = new UpstreamUsage(prompt, completion);
        return found;
    }
}
