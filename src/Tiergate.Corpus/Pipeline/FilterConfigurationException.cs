namespace Tiergate.Corpus.Pipeline;

/// <summary>The job cannot start (or merge); <see cref="Errors"/> lists every problem found, each with where it is.</summary>
public sealed class FilterConfigurationException : Exception
{
    public FilterConfigurationException(FilterErrorCode code, IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Code = code;
        Errors = errors;
    }

    public FilterConfigurationException(FilterErrorCode code, string message)
        : this(code, [message])
    {
    }

    public FilterErrorCode Code { get; }

    public IReadOnlyList<string> Errors { get; }
}
