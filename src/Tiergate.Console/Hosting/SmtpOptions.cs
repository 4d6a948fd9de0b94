namespace Tiergate.Console.Hosting;

/// <summary>The mail server (<c>mail:</c> in the deployment settings).</summary>
/// <param name="Security"><c>auto</c> (STARTTLS when offered), <c>starttls</c> (required), <c>tls</c> (implicit, port 465) or <c>none</c>.</param>
public sealed record SmtpOptions(string Host, int Port, string From, string? Username, string? Password, string Security = "auto");
