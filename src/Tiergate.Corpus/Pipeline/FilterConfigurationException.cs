namespace Tiergate.Corpus.Pipeline;

/// <summary>The job cannot start; <see cref="Errors"/> lists every problem found, each with where it is.</summary>
public sealed class FilterConfigurationException : Exception
{
    public FilterConfigurationException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public FilterConfigurationException()
        : this([])
    {
    }

    public FilterConfigurationException(string message)
        : this([message])
    {
    }

    public FilterConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    public IReadOnlyList<string> Errors { get; }
}
