using System.Globalization;

namespace Tiergate.Console.Pages.Review;

/// <summary>How the review and admin pages write ages and times.</summary>
public static class ReviewFormat
{
    /// <summary>An account's age in whole days (hours when under a day), as reviewers read it.</summary>
    public static string Age(TimeSpan age) =>
        age < TimeSpan.FromDays(1)
            ? $"{Math.Max(0, (int)age.TotalHours).ToString(CultureInfo.InvariantCulture)} hours"
            : $"{((int)age.TotalDays).ToString(CultureInfo.InvariantCulture)} days";

    public static string Time(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } t ? Time(t) : "never";
}
