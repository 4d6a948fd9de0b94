namespace Tiergate.Storage.Identity.Vendors;

/// <summary>The vendor's API failed or answered in a shape it does not document; the message names the call and status, never a secret.</summary>
public sealed class VendorUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
