namespace Tiergate.Storage.Accounts;

public sealed record UserView(long Id, string Email, string? Name, string? Organisation, string Identity, DateTimeOffset CreatedAt, IReadOnlyList<GrantView> Grants);
