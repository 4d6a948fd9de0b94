namespace Tiergate.Storage.Identity.Vendors;

/// <summary>A verification started at a vendor: its id (the record's vendor reference) and the hosted flow to send the applicant to.</summary>
public sealed record VendorSession(string Id, Uri Url);
