using System.Globalization;

namespace Tiergate.Core.Policy;

/// <summary>
/// Durations as settings and policies write them: a whole number and <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>
/// (<c>30d</c>, <c>12h</c>, <c>10m</c>, <c>90s</c>). The one parser for both the settings and the policy.
/// </summary>
public static class DurationText
{
    public const string Expected = "a duration such as 30d, 12h, 10m or 90s";

    /// <summary>Parses a positive duration; false for anything else (zero, a sign, a fraction, another unit).</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is not { Length: >= 2 }
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0 || amount > 3_650_000)
        {
            return false;
        }

        TimeSpan? parsed = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
        duration = parsed.GetValueOrDefault();
        return parsed is not null;
    }

    /// <summary>The shortest form that parses back to <paramref name="duration"/> (<c>90d</c>, <c>36h</c>, <c>10m</c>, <c>90s</c>).</summary>
    public static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerDay == 0 ? Invariant(duration.Ticks / TimeSpan.TicksPerDay, 'd')
        : duration.Ticks % TimeSpan.TicksPerHour == 0 ? Invariant(duration.Ticks / TimeSpan.TicksPerHour, 'h')
        : duration.Ticks % TimeSpan.TicksPerMinute == 0 ? Invariant(duration.Ticks / TimeSpan.TicksPerMinute, 'm')
        : Invariant(duration.Ticks / TimeSpan.TicksPerSecond, 's');

    private static string Invariant(long amount, char unit) => string.Create(CultureInfo.InvariantCulture, $"{amount}{unit}");
}
