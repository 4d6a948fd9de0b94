using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Storage;

namespace Tiergate.Console.Security;

/// <summary>Reads what <see cref="KeyRingXmlEncryptor"/> wrote; DataProtection creates it by type with the service provider.</summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var ring = services.GetRequiredService<TiergateDatabase>().KeyRing
            ?? throw new InvalidOperationException("The database's key ring is not open; the console starts after migration.");
        var value = (string?)encryptedElement.Element("value") ?? throw new CryptographicException("An encrypted console key has no value.");
        return XElement.Parse(ring.DecryptString(value, KeyRingXmlEncryptor.Purpose));
    }
}
