using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tiergate.Storage;

namespace Tiergate.Console.Security;

/// <summary>
/// Encrypts the console's DataProtection keys (which sign cookies and antiforgery tokens) before they are written to
/// <c>DATA/console-keys/</c>, with the same key ring that encrypts personal data in the database (data keys wrapped by
/// the KEK, rotated with <c>tiergate crypto</c>). A copy of the folder alone is then of no use.
/// </summary>
public sealed class KeyRingXmlEncryptor(TiergateDatabase database) : IXmlEncryptor
{
    /// <summary>The associated data the ciphertext is bound to.</summary>
    public const string Purpose = "console.dataprotection";

    /// <summary>Makes DataProtection write its keys encrypted with the database's key ring (earlier unencrypted keys still read).</summary>
    public static void Register(IServiceCollection services) =>
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            keys => keys.XmlEncryptor = new KeyRingXmlEncryptor(sp.GetRequiredService<TiergateDatabase>())));

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var ring = database.KeyRing ?? throw new InvalidOperationException("The database's key ring is not open; the console starts after migration.");
        var element = new XElement("tiergateEncrypted",
            new XComment(" The console key, encrypted with the Tiergate key ring (docs/console.md). "),
            new XElement("value", ring.EncryptString(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose)));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }
}
